import { afterEach, describe, expect, it } from "vitest";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aDecision, aLifecycleDemand } from "../support/lifecycle-demands";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

const ana = "ana@provider.example";

/*
 * A requester may withdraw a demand until its data is being collected. On Azure the withdrawal the API accepted seconds
 * before the objection window closed may reach the lifecycle after the scan's Tick that closes it: it must still
 * withdraw the demand, not be recorded "not applied" after the data was released to a requester who withdrew.
 */
describe("R1: a withdrawal accepted just before the objection window closed and delivered after the Tick that closes it", () => {
  it("R1: withdraws the demand and nothing is collected", async () => {
    const h = (harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 })));
    await h.start();
    await h.raise(LifecycleEvent.reviewDecision, aDecision("approve", ana));
    await h.advance("P9DT23H59M58S");
    h.acceptWithdrawal();
    await h.advance("PT1M"); // the scan's Tick for the window's end is delivered first
    await h.raise(LifecycleEvent.requesterAction, { action: "withdraw" });
    expect(h.of("disclose")).toHaveLength(0);
    expect(h.steps()).not.toContain("delivered");
    expect(h.status().output).toEqual({ outcome: "withdrawn" });
  });

  it("R1: a withdrawal recorded after the window closed does not stop the release", async () => {
    const h = (harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 })));
    await h.start();
    await h.raise(LifecycleEvent.reviewDecision, aDecision("approve", ana));
    await h.advance("P10DT1M");
    h.acceptWithdrawal();
    expect(h.status().output).toEqual({ outcome: "disclosed_content" });
  });
});
