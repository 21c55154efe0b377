import { afterEach, describe, expect, it } from "vitest";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aDecision, aLifecycleDemand } from "../support/lifecycle-demands";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

const ana = "ana@provider.example";

/*
 * The scan raises a Tick on every run (every minute) while the demand's stored wakeAt is due. A step that fails parks the
 * lifecycle with the rest of its commands, the schedule_wake that would have moved the stored wake among them: the stored
 * wake stays in the past, every scan run raises another Tick, and each one is an episode and an EventRaised in the
 * instance's history (and one more deferred event in its state) for as long as the demand waits for an operator.
 */
describe("a parked lifecycle under the scheduled scan", () => {
  it("a disclosure that keeps failing does not leave the demand woken every minute while it waits for an operator", async () => {
    harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 }));
    harness.disclosure = new Error("[customer-key-revoked] the customer's key refused to unwrap");
    await harness.start();
    await harness.raise(LifecycleEvent.reviewDecision, aDecision("approve", ana));
    await harness.scan("P10D", "PT1H"); // the objection window closes: collection starts
    await harness.scan("PT10M"); // its retries fail within seconds: parked
    expect(harness.of("alert_operator")).toEqual([expect.objectContaining({ code: "customer-key-revoked" })]);
    const parkedAt = harness.status().historyLength;
    await harness.scan("PT2H"); // the operator is told; the scan keeps running every minute meanwhile
    expect(harness.status().runtimeStatus).toBe("Running");
    expect(harness.status().historyLength - parkedAt).toBeLessThanOrEqual(10);
    expect(harness.status().historyLength).toBeLessThanOrEqual(80);
  });

  it("a notice that cannot be mailed (nor the operators' alert) does not leave the demand woken every minute", async () => {
    harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 }));
    await harness.start();
    harness.failing.add("send_customer_notice");
    harness.failing.add("alert_operator"); // the same SMTP outage
    await harness.raise(LifecycleEvent.reviewDecision, aDecision("approve", ana));
    await harness.scan("PT10M");
    expect(harness.steps()).not.toContain("objection window opened"); // nothing of the failed batch was applied
    const parkedAt = harness.status().historyLength;
    await harness.scan("P2D", "PT1H"); // the stored wake (the round's reminder, day 2) comes while the demand is parked
    await harness.scan("PT2H");
    expect(harness.status().runtimeStatus).toBe("Running");
    expect(harness.status().historyLength - parkedAt).toBeLessThanOrEqual(10);
  });
});
