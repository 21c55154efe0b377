import { afterEach, describe, expect, it } from "vitest";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aDecision, aLifecycleDemand } from "../support/lifecycle-demands";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

async function started(demand = aLifecycleDemand()) {
  harness = new LifecycleHarness(demand);
  await harness.start();
  return harness;
}

const { reviewDecision, requesterAction, secrecyOrderChanged, customerObjection } = LifecycleEvent;

describe("the demand lifecycle, replayed by the SDK", () => {
  it("no secrecy order: two reviewers, prompt notice, objection window, then disclosure", async () => {
    const h = await started();
    expect(h.callsOf("requestReview")).toHaveLength(1);
    await h.raise(reviewDecision, aDecision("approve", "ana@provider.example"));
    expect(h.status().runtimeStatus).toBe("Running");
    expect(h.callsOf("sendCustomerNotice")).toHaveLength(0);
    await h.raise(reviewDecision, aDecision("approve", "ben@provider.example"));
    expect(h.callsOf("sendCustomerNotice")).toEqual([expect.objectContaining({ delayed: false })]);
    expect(h.callsOf("disclose")).toHaveLength(0);
    await h.advance("P10D");
    expect(h.callsOf("disclose")).toHaveLength(1);
    expect(h.status()).toMatchObject({ runtimeStatus: "Completed", output: { outcome: "disclosed_content" } });
    expect(h.callsOf("closeDemand")).toEqual([expect.objectContaining({ outcome: "disclosed_content" })]);
    expect(h.pendingTimers()).toBe(0);
    expect(h.status().historyLength).toBeLessThan(120);
  });

  it("ignores a second decision from the same reviewer when two are needed", async () => {
    const h = await started();
    await h.raise(reviewDecision, aDecision("approve", "ana@provider.example"));
    await h.raise(reviewDecision, aDecision("approve", "ana@provider.example"));
    expect(h.callsOf("sendCustomerNotice")).toHaveLength(0);
    expect(h.steps()).toContain("decision ignored");
  });

  it("closes as rejected when a reviewer rejects, and as challenged on a challenge", async () => {
    const h = await started();
    await h.raise(reviewDecision, aDecision("reject", "ana@provider.example", { comment: "no probable cause shown" }));
    expect(h.status().output).toEqual({ outcome: "rejected" });
    expect(h.callsOf("disclose")).toHaveLength(0);
    h.dispose();
    const c = await started();
    await c.raise(reviewDecision, aDecision("challenge", "ana@provider.example", { comment: "conflict of laws" }));
    expect(c.status().output).toEqual({ outcome: "challenged" });
  });

  it("rejected at validation: closes at once without review", async () => {
    const h = await started(aLifecycleDemand({}, { rejected: true }));
    expect(h.status().output).toEqual({ outcome: "rejected" });
    expect(h.callsOf("requestReview")).toHaveLength(0);
    expect(h.callsOf("notifyRequester")).toEqual([expect.objectContaining({ message: "rejected" })]);
  });

  it("narrowing removes categories and identifiers from what is disclosed", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1 }));
    await h.raise(reviewDecision, aDecision("narrow", "ana@provider.example", { narrowing: { categories: ["subscriber_info"], targets: [0], dateRange: { from: "2026-03-01", to: "2026-06-30" } } }));
    await h.advance("P10D");
    const scope = h.callsOf("disclose")[0]?.scope;
    expect(scope).toEqual({ categories: ["subscriber_info"], targets: [{ type: "email", value: "pat@outlook.example" }], dateRange: { from: "2026-03-01", to: "2026-06-30" } });
  });

  it("redirect: a withdrawal closes as redirected", async () => {
    const h = await started(aLifecycleDemand({ redirect: true }));
    expect(h.callsOf("notifyRequester")[0]).toMatchObject({ message: "redirect" });
    expect(h.callsOf("requestReview")).toHaveLength(0);
    await h.raise(requesterAction, { action: "withdraw" });
    expect(h.status().output).toEqual({ outcome: "redirected" });
    expect(h.pendingTimers()).toBe(0);
  });

  it("redirect: no answer by the deadline closes as redirected", async () => {
    const h = await started(aLifecycleDemand({ redirect: true }));
    await h.advance("P29D");
    expect(h.status().runtimeStatus).toBe("Running");
    await h.advance("P1D");
    expect(h.status().output).toEqual({ outcome: "redirected" });
  });

  it("redirect: a reason refused by a reviewer closes as redirected; accepted goes on to review", async () => {
    const h = await started(aLifecycleDemand({ redirect: true }));
    await h.raise(requesterAction, { action: "cannot_redirect", reason: "the customer is the subject of the investigation" });
    expect(h.callsOf("requestReview")[0]).toMatchObject({ kind: "redirect", round: "redirect-1" });
    await h.raise(reviewDecision, aDecision("refuse_reason", "ana@provider.example", { round: "redirect-1", kind: "redirect", comment: "not a legal reason" }));
    expect(h.status().output).toEqual({ outcome: "redirected" });
    h.dispose();
    const a = await started(aLifecycleDemand({ redirect: true }));
    await a.raise(requesterAction, { action: "cannot_redirect", reason: "the customer is the subject of the investigation" });
    await a.raise(reviewDecision, aDecision("accept_reason", "ana@provider.example", { round: "redirect-1", kind: "redirect" }));
    expect(a.callsOf("requestReview").map((r) => r.round)).toEqual(["redirect-1", "review-1"]);
  });

  it("secrecy order: discloses first, waits for expiry, then gives the delayed notice unless withheld", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1, notice: { kind: "delayed", until: "2027-05-20" } }, { secrecy: { kind: "until", date: "2027-05-20" } }));
    await h.raise(reviewDecision, aDecision("approve", "ana@provider.example"));
    expect(h.callsOf("disclose")).toHaveLength(1);
    expect(h.callsOf("sendCustomerNotice")).toHaveLength(0);
    await h.advance("P170D");
    expect(h.callsOf("requestReview").filter((r) => r.kind === "secrecy_expiry")).toHaveLength(0);
    h.demand = { ...h.demand, secrecy: { kind: "none" } };
    await h.advance("P10D");
    expect(h.callsOf("requestReview").filter((r) => r.kind === "secrecy_expiry")).toHaveLength(0);
    await h.advance("P1D");
    expect(h.callsOf("requestReview").filter((r) => r.kind === "secrecy_expiry")).toHaveLength(1);
    await h.advance("P3D");
    expect(h.callsOf("sendCustomerNotice")).toEqual([expect.objectContaining({ delayed: true })]);
    expect(h.status().output).toEqual({ outcome: "disclosed_content" });
  });

  it("secrecy order extended: the wait moves to the new expiry", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1, notice: { kind: "delayed", until: "2027-01-20" } }, { secrecy: { kind: "until", date: "2027-01-20" } }));
    await h.raise(reviewDecision, aDecision("approve", "ana@provider.example"));
    h.demand = { ...h.demand, secrecy: { kind: "until", date: "2027-07-20" } };
    await h.raise(secrecyOrderChanged, { changedAt: "2026-12-01T00:00:00Z" });
    await h.advance("P90D");
    expect(h.callsOf("requestReview").filter((r) => r.kind === "secrecy_expiry")).toHaveLength(0);
    h.demand = { ...h.demand, secrecy: { kind: "none" } };
    await h.advance("P152D");
    const expiry = h.callsOf("requestReview").filter((r) => r.kind === "secrecy_expiry");
    expect(expiry).toHaveLength(1);
    await h.raise(reviewDecision, aDecision("withhold", "ana@provider.example", { round: "secrecy-expiry-1", kind: "secrecy_expiry", comment: "a witness would be endangered" }));
    expect(h.callsOf("sendCustomerNotice")).toHaveLength(0);
    expect(h.status().runtimeStatus).toBe("Completed");
  });

  it("secrecy order with no end date: reviewed every 180 days", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1, notice: { kind: "delayed", until: "indefinite" } }, { secrecy: { kind: "indefinite" } }));
    await h.raise(reviewDecision, aDecision("approve", "ana@provider.example"));
    await h.advance("P400D");
    expect(h.callsOf("requestReview").filter((r) => r.kind === "secrecy_review_due").map((r) => r.round)).toEqual(["secrecy-review-1", "secrecy-review-2"]);
    expect(h.status().runtimeStatus).toBe("Running");
    // Each 3-day slice of a long timer is an episode in history (as on Azure): it grows with the wait, not with activity.
    expect(h.status().historyLength).toBeLessThan(700);
  });

  it("emergency: a one-hour deadline, then escalation to the second pool", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1, emergency: { reviewDeadlineMinutes: 60 }, reimbursementAllowed: false }));
    await h.advance("PT30M");
    expect(h.callsOf("requestReview").map((r) => r.notice)).toEqual(["initial", "reminder"]);
    await h.advance("PT30M");
    expect(h.callsOf("requestReview").map((r) => [r.pool, r.notice])).toEqual([["primary", "initial"], ["primary", "reminder"], ["escalation", "escalation"]]);
    await h.raise(reviewDecision, aDecision("approve", "esc@provider.example"));
    expect(h.callsOf("sendCustomerNotice")).toHaveLength(1);
  });

  it("notice withheld by a reviewer: no notice, straight to disclosure", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1 }));
    await h.raise(reviewDecision, aDecision("withhold_notice", "ana@provider.example", { withholdReason: "counterproductive", comment: "the account was hijacked" }));
    expect(h.callsOf("sendCustomerNotice")).toHaveLength(0);
    expect(h.status().output).toEqual({ outcome: "disclosed_content" });
    expect(h.steps()).toContain("notice not given");
  });

  it("no data: nothing matched, closes as no data without notice", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1, targetsFound: 0 }));
    await h.raise(reviewDecision, aDecision("approve", "ana@provider.example"));
    expect(h.status().output).toEqual({ outcome: "no_data" });
    expect(h.callsOf("sendCustomerNotice")).toHaveLength(0);
  });

  it("an objection in the window puts the demand back to reviewers", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1 }));
    await h.raise(reviewDecision, aDecision("approve", "ana@provider.example"));
    await h.raise(customerObjection, { summary: "the customer objects" });
    expect(h.callsOf("requestReview").map((r) => r.round)).toEqual(["review-1", "review-2"]);
    await h.raise(reviewDecision, aDecision("reject", "ben@provider.example", { round: "review-2", comment: "objection upheld" }));
    expect(h.status().output).toEqual({ outcome: "rejected" });
    expect(h.callsOf("disclose")).toHaveLength(0);
  });

  it("a disclosure that keeps failing (a revoked customer key) is retried, then closed with nothing released", async () => {
    const demand = aLifecycleDemand({ reviewersRequired: 1 });
    harness = new LifecycleHarness(demand);
    harness.disclosure = new Error("CUSTOMER_KEY_REVOKED: the customer's key refused to unwrap");
    await harness.start();
    await harness.raise(reviewDecision, aDecision("approve", "ana@provider.example"));
    await harness.advance("P11D");
    expect(harness.callsOf("disclose").length).toBeGreaterThan(1);
    expect(harness.status().output).toEqual({ outcome: "no_data" });
    expect(harness.steps()).toContain("disclosure failed");
    expect(harness.steps()).not.toContain("delivered");
  });

  it("a withdrawal raised before the lifecycle waits for it is still honoured", async () => {
    const h = await started(aLifecycleDemand({ reviewersRequired: 1 }));
    await h.raise(requesterAction, { action: "withdraw" });
    expect(h.status().output).toEqual({ outcome: "withdrawn" });
  });
});
