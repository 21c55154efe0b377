import { afterEach, describe, expect, it } from "vitest";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aLifecycleDemand } from "../support/lifecycle-demands";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

const reason = "the customer is the subject of the investigation";

/*
 * On Azure a requester's 'cannot redirect' answer the API accepted (recorded on the demand) seconds before the redirect
 * deadline may reach the lifecycle after the scan's Tick for that deadline. It must still go to a reviewer (R4), not be
 * lost on a demand already closed as redirected.
 */
describe("R4: a 'cannot redirect' answer accepted just before the redirect deadline and delivered after the deadline's Tick", () => {
  it("R4: goes to a reviewer: the deadline's step reads the answer from the demand; the event, arriving later, is not heard twice", async () => {
    const h = (harness = new LifecycleHarness(aLifecycleDemand({ redirect: true, reviewersRequired: 1 })));
    await h.start();
    await h.advance("P29DT23H59M58S");
    const answeredAt = h.acceptCannotRedirect();
    await h.advance("PT1M"); // the scan's Tick for the deadline is delivered first
    await h.raise(LifecycleEvent.requesterAction, { action: "cannot_redirect", reason, answeredAt });
    expect(h.of("conclude")).toHaveLength(0);
    expect(h.of("request_review").map((r) => r.round)).toEqual(["redirect-1"]);
    expect(h.steps()).not.toContain("cannot-redirect answer ignored");
    expect(h.steps().filter((s) => s === "cannot redirect")).toHaveLength(1);
    expect(h.status().runtimeStatus).toBe("Running");
  });

  it("R4: an answer the API recorded after the deadline (before the Tick) is still late: the demand closes as redirected", async () => {
    const h = (harness = new LifecycleHarness(aLifecycleDemand({ redirect: true, reviewersRequired: 1 })));
    await h.start();
    await h.advance("P30DT5S");
    h.acceptCannotRedirect();
    await h.advance("PT1M");
    expect(h.of("request_review")).toHaveLength(0);
    expect(h.status().output).toEqual({ outcome: "redirected" });
  });
});
