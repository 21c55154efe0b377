import { afterEach, describe, expect, it } from "vitest";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aDecision, aLifecycleDemand, anOrder } from "../support/lifecycle-demands";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

async function started(demand = aLifecycleDemand()) {
  harness = new LifecycleHarness(demand);
  await harness.start();
  return harness;
}

const { reviewDecision, requesterAction, secrecyOrderChanged, customerObjection, operatorResume } = LifecycleEvent;
const ana = "ana@provider.example";
const ben = "ben@provider.example";

describe("the lifecycle interpreter, replayed by the SDK on the local host's engine", () => {
  it("no secrecy order: two reviewers, prompt notice, objection window, then disclosure; no durable timer, small history", async () => {
    const h = await started();
    expect(h.of("request_review")).toHaveLength(1);
    await h.raise(reviewDecision, aDecision("approve", ana));
    expect(h.of("send_customer_notice")).toHaveLength(0);
    await h.raise(reviewDecision, aDecision("approve", ben));
    expect(h.of("send_customer_notice")).toEqual([expect.objectContaining({ delayed: false })]);
    expect(h.of("disclose")).toHaveLength(0);
    await h.advance("P10D");
    expect(h.of("disclose")).toHaveLength(1);
    expect(h.status()).toMatchObject({ runtimeStatus: "Completed", output: { outcome: "disclosed_content" } });
    expect(h.of("conclude")).toEqual([expect.objectContaining({ outcome: "disclosed_content" })]);
    expect(h.of("close")).toHaveLength(1);
    expect(h.pendingTimers()).toBe(0);
    expect(h.status().historyLength).toBeLessThanOrEqual(60);
  });

  it("two decisions raised together (both orders) are both taken: nothing lands on a stale wait", async () => {
    for (const order of [[ana, ben], [ben, ana]]) {
      const h = await started();
      await h.advance("P2D"); // the reminder went out: an earlier wait would be abandoned in a timer race
      h.raiseNoWait(reviewDecision, aDecision("approve", order[0]!));
      h.raiseNoWait(reviewDecision, aDecision("approve", order[1]!));
      await h.settle();
      expect(h.steps().filter((s) => s === "review decision: approve")).toHaveLength(2);
      expect(h.of("send_customer_notice")).toHaveLength(1);
      h.dispose();
      harness = undefined;
    }
  });

  it("a decision that arrives while an activity runs is kept and taken after it", async () => {
    const h = await started();
    // The objection comes before the approvals: one between them would re-open the round (R8, objection-mid-round.test.ts).
    h.raiseNoWait(customerObjection, { summary: "early" });
    h.raiseNoWait(reviewDecision, aDecision("approve", ana));
    h.raiseNoWait(reviewDecision, aDecision("approve", ben));
    await h.settle();
    expect(h.of("send_customer_notice")).toHaveLength(1);
    expect(h.steps()).toContain("customer objection recorded");
  });

  it("a withdrawal raised before the lifecycle waits is still honoured", async () => {
    harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 }));
    await harness.start();
    await harness.raise(requesterAction, { action: "withdraw" });
    expect(harness.status().output).toEqual({ outcome: "withdrawn" });
  });

  it("redirect answered on day 10 goes on to a redirect review; the answer is not lost to a timer", async () => {
    const h = await started(aLifecycleDemand({ redirect: true }));
    expect(h.of("notify_requester")[0]).toMatchObject({ message: "redirect" });
    expect(h.of("send_customer_notice")).toEqual([expect.objectContaining({ delayed: false })]);
    await h.advance("P10D");
    await h.raise(requesterAction, { action: "cannot_redirect", reason: "the customer is the subject" });
    expect(h.of("request_review").map((r) => r.round)).toEqual(["redirect-1"]);
    await h.raise(reviewDecision, aDecision("accept_reason", ana, { round: "redirect-1", kind: "redirect", comment: "accepted" }));
    expect(h.of("request_review").map((r) => r.round)).toEqual(["redirect-1", "review-2"]);
    await h.advance("P30D");
    expect(h.status().runtimeStatus).toBe("Running");
  });

  it("an objection on day 5 of the window puts the demand back to reviewers", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1 }));
    await h.raise(reviewDecision, aDecision("approve", ana));
    await h.advance("P5D");
    await h.raise(customerObjection, { summary: "the customer objects" });
    expect(h.of("request_review").map((r) => r.round)).toEqual(["review-1", "review-2"]);
    await h.advance("P10D");
    expect(h.of("disclose")).toHaveLength(0);
    await h.raise(reviewDecision, aDecision("reject", ben, { round: "review-2", reason: "overly_broad", comment: "objection upheld" }));
    expect(h.status().output).toEqual({ outcome: "rejected" });
    expect(h.of("notify_requester").at(-1)).toMatchObject({ reason: "overly_broad", note: "objection upheld" });
  });

  it("a 180-day secrecy order changed on day 20 and ending on time: history stays small", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1, notice: { kind: "notify" } }, { secrecyOrders: [anOrder(0)] }));
    await h.raise(reviewDecision, aDecision("approve", ana));
    expect(h.of("disclose")).toHaveLength(1);
    expect(h.of("conclude")).toEqual([expect.objectContaining({ outcome: "disclosed_content" })]);
    await h.advance("P20D");
    h.demand = { ...h.demand, secrecyOrders: [anOrder(0), anOrder(1, { expiresOn: "2027-06-20" })] };
    await h.raise(secrecyOrderChanged, {});
    expect(h.of("request_review").map((r) => r.kind)).toContain("secrecy_confirmation");
    await h.raise(reviewDecision, aDecision("confirm_order", ana, { round: "secrecy-confirm-2", kind: "secrecy_confirmation" }));
    await h.advance("P190D");
    expect(h.of("send_customer_notice")).toHaveLength(0);
    await h.advance("P30D");
    expect(h.of("send_customer_notice")).toEqual([expect.objectContaining({ delayed: true })]);
    expect(h.status().runtimeStatus).toBe("Completed");
    expect(h.status().historyLength).toBeLessThanOrEqual(75);
  });

  it("the ordinary 180-day secrecy path (disclose, wait, ask ahead, delayed notice) keeps its history within 60 events", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 2, notice: { kind: "notify" } }, { secrecyOrders: [anOrder(0)] }));
    await h.raise(reviewDecision, aDecision("approve", ana));
    await h.raise(reviewDecision, aDecision("approve", ben));
    await h.advance("P200D");
    expect(h.of("send_customer_notice")).toEqual([expect.objectContaining({ delayed: true })]);
    expect(h.status().runtimeStatus).toBe("Completed");
    expect(h.status().historyLength).toBeLessThanOrEqual(60);
  });

  it("a decision for another round during the secrecy-expiry window is ignored, and the notice still goes out on time", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1, notice: { kind: "notify" } }, { secrecyOrders: [anOrder(0, { expiresOn: "2026-12-31" })] }));
    await h.raise(reviewDecision, aDecision("approve", ana));
    await h.advance("P27D");
    expect(h.of("request_review").filter((r) => r.kind === "secrecy_expiry")).toHaveLength(1);
    await h.raise(reviewDecision, aDecision("approve", ben));
    expect(h.steps()).toContain("decision ignored");
    await h.advance("P14D");
    expect(h.of("send_customer_notice")).toEqual([expect.objectContaining({ delayed: true })]);
  });

  it("a step that keeps failing parks the demand for an operator; resuming runs it again", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1 }));
    h.failing.add("send_customer_notice");
    await h.raise(reviewDecision, aDecision("approve", ana));
    await h.advance("PT1M");
    expect(h.status().runtimeStatus).toBe("Running");
    expect(h.steps()).toContain("needs operator");
    expect(h.of("alert_operator")).toEqual([expect.objectContaining({ code: "smtp-unavailable" })]);
    h.failing.clear();
    await h.raise(operatorResume, { operator: "ops" });
    expect(h.of("send_customer_notice")).toHaveLength(1);
    await h.advance("P10D");
    expect(h.status().output).toEqual({ outcome: "disclosed_content" });
  });

  it("R5(a): an order confirmed while the notice's batch was parked: the resume sends no notice, collects, and the delayed notice follows the order's end", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1 }));
    h.demand = { ...h.demand, secrecyOrders: [anOrder(0, { atIntake: false })] };
    await h.raise(secrecyOrderChanged, {});
    h.failing.add("send_customer_notice");
    // The filing re-opened the approval round; approved before anyone ruled on the order, the prompt notice is due.
    await h.raise(reviewDecision, aDecision("approve", ana, { round: "review-2" }));
    await h.advance("PT1M");
    expect(h.steps()).toContain("needs operator");
    await h.raise(reviewDecision, aDecision("confirm_order", ben, { round: "secrecy-confirm-1", kind: "secrecy_confirmation" }));
    h.failing.clear();
    await h.raise(operatorResume, { operator: "ops" });
    expect(h.of("send_customer_notice"), "R5(a): no notice while the confirmed order is in force").toHaveLength(0);
    expect(h.of("disclose")).toHaveLength(1);
    expect(h.of("conclude")).toEqual([expect.objectContaining({ outcome: "disclosed_content" })]);
    await h.advance("P200D");
    expect(h.of("send_customer_notice")).toEqual([expect.objectContaining({ delayed: true })]);
    expect(h.status().runtimeStatus).toBe("Completed");
  });

  it("R9: the delayed notice's batch, which also closes the demand, keeps failing: the demand parks instead of completing with the notice unsent", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1 }, { secrecyOrders: [anOrder(0)] }));
    await h.raise(reviewDecision, aDecision("approve", ana));
    await h.advance("P170D");
    h.failing.add("send_customer_notice");
    await h.advance("P40D");
    expect(h.status().runtimeStatus, "the lifecycle waits for an operator").toBe("Running");
    expect(h.steps()).toContain("needs operator");
    expect(h.of("alert_operator")).toHaveLength(1);
    h.failing.clear();
    await h.raise(operatorResume, { operator: "ops" });
    expect(h.of("send_customer_notice")).toEqual([expect.objectContaining({ delayed: true })]);
    expect(h.of("close")).toHaveLength(1);
    expect(h.status()).toMatchObject({ runtimeStatus: "Completed", output: { outcome: "disclosed_content" } });
  });

  it("a disclosure that keeps failing is never counted as no data", async () => {
    harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 }));
    harness.disclosure = new Error("[customer-key-revoked] the customer's key refused to unwrap");
    await harness.start();
    await harness.raise(reviewDecision, aDecision("withhold_notice", ana, { withholdReason: "danger", comment: "x" }));
    await harness.advance("PT1M");
    expect(harness.of("disclose").length).toBeGreaterThan(1);
    expect(harness.of("conclude")).toHaveLength(0);
    expect(harness.of("alert_operator")).toEqual([expect.objectContaining({ code: "customer-key-revoked" })]);
  });
});
