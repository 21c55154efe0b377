import { afterEach, describe, expect, it } from "vitest";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aLifecycleDemand } from "../support/lifecycle-demands";
import { TEST_NOW } from "../support/builders";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

/*
 * On Azure an event reaches the orchestration seconds after the sender raised it (queue polling, a cold start); the
 * local host hands it over at once. A requester's 'cannot redirect' answer that the API accepted before the deadline it
 * was given must not be refused because the lifecycle read it a few seconds after that deadline (R4).
 */
describe("R4: a 'cannot redirect' answer sent just before the deadline and delivered just after it", () => {
  it("goes to a reviewer: it is judged by when the API accepted it", async () => {
    harness = new LifecycleHarness(aLifecycleDemand({ redirect: true, reviewersRequired: 1 }));
    await harness.start();
    await harness.advance("P29DT23H59M58S");
    const answeredAt = new Date(TEST_NOW.getTime() + 30 * 86_400_000 - 2_000).toISOString();
    harness.raiseNoWait(LifecycleEvent.requesterAction, { action: "cannot_redirect", reason: "the customer is the subject of the investigation", answeredAt });
    await harness.advance("PT5S"); // delivered after the deadline, with the scan's Tick for it
    expect(harness.steps()).not.toContain("cannot-redirect answer ignored");
    expect(harness.of("request_review").map((r) => r.round)).toEqual(["redirect-1"]);
    expect(harness.status().runtimeStatus).toBe("Running");
  });

  it("an answer accepted after the deadline is still refused, and the demand closes as redirected", async () => {
    harness = new LifecycleHarness(aLifecycleDemand({ redirect: true, reviewersRequired: 1 }));
    await harness.start();
    await harness.advance("P30DT10S");
    const answeredAt = new Date(TEST_NOW.getTime() + 30 * 86_400_000 + 10_000).toISOString();
    await harness.raise(LifecycleEvent.requesterAction, { action: "cannot_redirect", reason: "the customer is the subject of the investigation", answeredAt });
    expect(harness.of("request_review")).toHaveLength(0);
    expect(harness.status().output).toEqual({ outcome: "redirected" });
  });
});
