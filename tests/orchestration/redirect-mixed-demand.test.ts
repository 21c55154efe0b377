import { afterEach, describe, expect, it } from "vitest";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aDecision, aLifecycleDemand } from "../support/lifecycle-demands";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

const { reviewDecision, requesterAction } = LifecycleEvent;
const ana = "ana@provider.example";
const ben = "ben@provider.example";

/** R4 on the local host's engine: a demand naming an enterprise account (the email) and a consumer's (the phone). */
describe("R4: a demand naming both enterprise and consumer accounts, replayed by the SDK on the local host's engine", () => {
  it("R4: the consumer part is reviewed at once; the enterprise identifier joins it only after an accepted reason; one release, counted disclosed", async () => {
    harness = new LifecycleHarness(aLifecycleDemand({ redirect: true, directTargets: [1], reviewersRequired: 1 }));
    const h = harness;
    await h.start();
    expect(h.of("notify_requester")).toEqual([expect.objectContaining({ message: "redirect" })]);
    expect(h.of("request_review").map((r) => r.round), "the consumer part does not wait for the redirect").toEqual(["review-1"]);
    await h.advance("P2D");
    await h.raise(requesterAction, { action: "cannot_redirect", reason: "the customer is the subject" });
    expect(h.of("request_review").map((r) => r.round).at(-1)).toBe("redirect-2");
    await h.raise(reviewDecision, aDecision("accept_reason", ben, { round: "redirect-2", kind: "redirect" }));
    await h.raise(reviewDecision, aDecision("approve", ana, { round: "review-3" }));
    await h.advance("P10D");
    expect(h.of("disclose").map((d) => d.scope.targets.map((t) => t.type))).toEqual([["phone", "email"]]);
    expect(h.status()).toMatchObject({ runtimeStatus: "Completed", output: { outcome: "disclosed_content" } });
  });

  it("R4: without an answer the consumer part is released alone, without waiting for the redirect deadline", async () => {
    harness = new LifecycleHarness(aLifecycleDemand({ redirect: true, directTargets: [1], reviewersRequired: 1 }));
    const h = harness;
    await h.start();
    await h.raise(reviewDecision, aDecision("approve", ana));
    await h.advance("P10D");
    expect(h.of("disclose").map((d) => d.scope.targets.map((t) => t.type))).toEqual([["phone"]]);
    expect(h.status()).toMatchObject({ runtimeStatus: "Completed", output: { outcome: "disclosed_content" } });
  });
});
