import { afterEach, describe, expect, it } from "vitest";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aDecision, aLifecycleDemand } from "../support/lifecycle-demands";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

const ana = "ana@provider.example";

/*
 * Parking is itself a batch of effects (the needs_operator record, the operators' alert): the demand store and the
 * mailer it needs are often what failed the step. The resume endpoint takes only a demand recorded needs_operator and
 * the scan lists only those, so a parking that never landed must not leave the lifecycle waiting for a resume nobody
 * can send: the record is tried again without the alert, and if the store refuses it too the instance fails, which the
 * scan reports to the operators.
 */
describe("a parking whose own batch keeps failing", () => {
  it("an outage of the demand store and the mailer (the step and its parking both fail): the lifecycle is reported, not left waiting unseen", async () => {
    harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 }));
    await harness.start();
    harness.failing.add("send_customer_notice");
    harness.failing.add("record");
    harness.failing.add("alert_operator");
    await harness.raise(LifecycleEvent.reviewDecision, aDecision("approve", ana));
    await harness.scan("PT10M");
    expect(harness.steps()).not.toContain("needs operator");
    expect(harness.of("alert_operator")).toHaveLength(0);
    // Nobody can resume it (the store never said needs_operator) and nothing else wakes it: it must show as failed.
    expect(harness.status().runtimeStatus).toBe("Failed");
  });

  it("a mailer outage (the step and the operators' alert fail): the parking is still recorded, and the resume runs the step", async () => {
    harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 }));
    await harness.start();
    harness.failing.add("send_customer_notice");
    harness.failing.add("alert_operator");
    await harness.raise(LifecycleEvent.reviewDecision, aDecision("approve", ana));
    await harness.scan("PT10M");
    expect(harness.steps()).toContain("needs operator");
    expect(harness.status().runtimeStatus).toBe("Running");
    harness.failing.clear();
    await harness.raise(LifecycleEvent.operatorResume, { operator: "ops" });
    expect(harness.of("send_customer_notice")).toHaveLength(1);
  });

  it("a parking that landed is still resumed as before when only the step fails", async () => {
    harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 }));
    await harness.start();
    harness.failing.add("send_customer_notice");
    await harness.raise(LifecycleEvent.reviewDecision, aDecision("approve", ana));
    await harness.scan("PT10M");
    expect(harness.steps()).toContain("needs operator");
    expect(harness.status().runtimeStatus).toBe("Running");
  });
});
