import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LIFECYCLE_VERSION } from "../../shared/domain/lifecycle/lifecycle-settings";
import { LifecycleHarness, TEST_SETTINGS } from "../support/lifecycle-harness";
import { aDecision, aLifecycleDemand } from "../support/lifecycle-demands";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

const { reviewDecision } = LifecycleEvent;
const ana = "ana@provider.example";
const ben = "ben@provider.example";

// Recorded by the deployment before lifecycle versions (its input has none): a content demand whose first reviewer
// approved. Re-record with RECORD_LIFECYCLE_FIXTURES=1 only when adding a fixture for a new version, never to make a
// failing replay pass: the file stands for instances already running in Azure.
const V1_FIXTURE = path.join(__dirname, "fixtures", "lifecycle-v1-content-one-approval.json");

if (process.env.RECORD_LIFECYCLE_FIXTURES === "1") {
  it("records the version 1 fixture", async () => {
    harness = new LifecycleHarness(aLifecycleDemand());
    await harness.start({ demandId: harness.demand.id, settings: TEST_SETTINGS });
    await harness.advance("P1D");
    await harness.raise(reviewDecision, aDecision("approve", ana));
    writeFileSync(V1_FIXTURE, `${JSON.stringify({ demand: harness.demand, ...harness.snapshot() }, null, 1)}\n`);
  });
}

// Recorded by version 1 (the redirect deadline closed the demand at its Tick, R4): an enterprise demand under a secrecy
// order filed with it, closed as redirected at its deadline and awaiting the order's end. Never re-recorded.
const V1_REDIRECTED_FIXTURE = path.join(__dirname, "fixtures", "lifecycle-v1-redirected-under-order.json");

// Recorded by version 2 (R9: the step at an order's end sent the notice at once): an enterprise demand whose order
// ended before its redirect deadline, the held-back notice sent, still awaiting the requester. Never re-recorded.
const V2_NOTICE_AT_ORDER_END_FIXTURE = path.join(__dirname, "fixtures", "lifecycle-v2-redirect-notice-after-order-end.json");

describe("durable: an instance started by an older deployment replays against this code", () => {
  it("durable: a version 1 instance (recorded history, input without a version) continues to disclosure under the current code", async () => {
    const fixture = JSON.parse(readFileSync(V1_FIXTURE, "utf8")) as { demand: never; instance: { input: string }; now: number; wakeAt: number | null };
    expect(JSON.parse(fixture.instance.input)).not.toHaveProperty("version");
    harness = new LifecycleHarness(fixture.demand, TEST_SETTINGS, fixture);
    await harness.restore();
    await harness.raise(reviewDecision, aDecision("approve", ben));
    expect(harness.of("send_customer_notice")).toEqual([expect.objectContaining({ delayed: false })]);
    await harness.advance("P10D");
    expect(harness.of("disclose")).toHaveLength(1);
    expect(harness.status()).toMatchObject({ runtimeStatus: "Completed", output: { outcome: "disclosed_content" } });
  });

  it("durable: a version 1 redirect closed at its deadline under a secrecy order (recorded before version 2 read the demand at the deadline) replays and sends its delayed notice", async () => {
    const fixture = JSON.parse(readFileSync(V1_REDIRECTED_FIXTURE, "utf8")) as { demand: never; instance: { input: string }; now: number; wakeAt: number | null };
    expect(JSON.parse(fixture.instance.input)).toMatchObject({ version: 1 });
    harness = new LifecycleHarness(fixture.demand, TEST_SETTINGS, fixture);
    await harness.restore();
    await harness.advance("P200D");
    expect(harness.of("send_customer_notice")).toEqual([expect.objectContaining({ delayed: true })]);
    expect(harness.activityCalls.some((c) => c.name === "loadDemand")).toBe(false);
    expect(harness.status()).toMatchObject({ runtimeStatus: "Completed", output: { outcome: "redirected" } });
  });

  it("durable: a version 2 redirect whose held-back notice went out when its order ended (recorded before version 3 read the demand at an order's end) replays and runs on", async () => {
    const fixture = JSON.parse(readFileSync(V2_NOTICE_AT_ORDER_END_FIXTURE, "utf8")) as { demand: never; instance: { input: string }; now: number; wakeAt: number | null };
    expect(JSON.parse(fixture.instance.input)).toMatchObject({ version: 2 });
    harness = new LifecycleHarness(fixture.demand, TEST_SETTINGS, fixture);
    await harness.restore();
    await harness.advance("P10D");
    // The recorded end of the order is replayed as decided then: no read of the demand is added after it, no notice again.
    expect(harness.activityCalls.some((c) => c.name === "loadDemand" && (c.input as { expiryRoundClosed?: string }).expiryRoundClosed !== undefined)).toBe(false);
    expect(harness.of("send_customer_notice")).toEqual([]);
    expect(harness.status()).toMatchObject({ runtimeStatus: "Completed", output: { outcome: "redirected" } });
  });

  it("durable: an instance started by a newer deployment (a rollback, or an older host during a rollout) fails with a stable code instead of being decided by rules this code does not know", async () => {
    harness = new LifecycleHarness(aLifecycleDemand());
    await harness.start({ demandId: harness.demand.id, settings: TEST_SETTINGS, version: LIFECYCLE_VERSION + 1 });
    expect(harness.status().runtimeStatus).toBe("Failed");
    expect(harness.activityCalls).toEqual([]);
    expect(JSON.stringify(harness.snapshot().instance)).toContain("lifecycle-version-unknown");
  });
});
