import { afterEach, describe, expect, it } from "vitest";
import { EMERGENCY_UNDECIDED } from "../../shared/domain/lifecycle/decider";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aLifecycleDemand } from "../support/lifecycle-demands";
import { TEST_NOW } from "../support/builders";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

/*
 * On Azure a backlog of queued orchestrations, or the wake scan starting a lifecycle intake failed to start, delays a
 * demand's first episode by minutes or hours. An emergency's deadline runs from its receipt (R10), which the lifecycle
 * reads with the demand through the loadDemand contract.
 */
describe("R10: an emergency whose lifecycle starts after its deadline", () => {
  it("opens escalated at once and alerts the operators", async () => {
    const receivedAt = new Date(TEST_NOW.getTime() - 2 * 3_600_000).toISOString();
    harness = new LifecycleHarness(aLifecycleDemand({ emergency: { reviewDeadlineMinutes: 60 }, reviewersRequired: 1 }, { receivedAt }));
    await harness.start();
    expect(harness.of("request_review").map((r) => r.pool)).toEqual(["primary", "escalation"]);
    expect(harness.of("alert_operator").map((a) => a.code)).toEqual([EMERGENCY_UNDECIDED]);
    expect(harness.of("disclose")).toEqual([]);
    expect(harness.status().runtimeStatus).toBe("Running");
  });
});
