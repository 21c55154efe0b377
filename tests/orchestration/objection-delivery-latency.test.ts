import { afterEach, describe, expect, it } from "vitest";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aDecision, aLifecycleDemand } from "../support/lifecycle-demands";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

const { reviewDecision, customerObjection } = LifecycleEvent;
const ana = "ana@provider.example";
const ben = "ben@provider.example";

/*
 * On Azure an event reaches the orchestration seconds (a cold start: minutes) after the API raised it, and the scan's
 * Tick for the window's end may be delivered first. A customer's objection that the API accepted (recorded on the
 * demand) before the objection window closed must put the demand back to reviewers, not be recorded as late after the
 * data was released (R5: notify, then the objection window, then collect).
 */
describe("R5: an objection accepted just before the objection window closed and delivered after the Tick that closes it", () => {
  it("R5: puts the demand back to reviewers and nothing is collected; the objection, when it arrives, is not heard twice", async () => {
    const h = (harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 })));
    await h.start();
    await h.raise(reviewDecision, aDecision("approve", ana));
    expect(h.of("send_customer_notice")).toHaveLength(1);
    await h.advance("P9DT23H59M58S");
    const index = h.acceptObjection("the customer objects");
    await h.advance("PT1M"); // the scan's Tick for the window's end is delivered first
    await h.raise(customerObjection, { summary: "the customer objects", index });
    expect(h.steps()).not.toContain("delivered");
    expect(h.of("disclose")).toHaveLength(0);
    expect(h.of("conclude")).toHaveLength(0);
    expect(h.of("request_review").map((r) => r.round)).toEqual(["review-1", "review-2"]);
    // Reviewers decide again with it in view; approved, a new window runs and the data is then released once.
    await h.raise(reviewDecision, aDecision("approve", ben, { round: "review-2" }));
    await h.advance("P10DT1M");
    expect(h.of("disclose")).toHaveLength(1);
    expect(h.status().output).toEqual({ outcome: "disclosed_content" });
  });

  it("R5: an objection the API accepted after the window closed is still late: the data is released", async () => {
    const h = (harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 })));
    await h.start();
    await h.raise(reviewDecision, aDecision("approve", ana));
    await h.advance("P10DT30S");
    const index = h.acceptObjection("the customer objects late");
    await h.raise(customerObjection, { summary: "the customer objects late", index });
    expect(h.of("disclose")).toHaveLength(1);
    expect(h.of("request_review").map((r) => r.round)).toEqual(["review-1"]);
    expect(h.status().output).toEqual({ outcome: "disclosed_content" });
  });
});
