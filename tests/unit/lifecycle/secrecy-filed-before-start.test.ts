import { describe, expect, it } from "vitest";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, anOrder, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R5/R9: an order filed after intake binds only once a reviewer confirmed it, so reviewers must be asked. The requester
 * can file it as soon as intake answered 202, before the lifecycle's first read of the demand (an agency's system that
 * files the order right after the demand; a busy host): the lifecycle then starts with the filing already on the demand,
 * and the filing's own wake-up finds it known. Nobody was ever asked, so the court's order could never bind.
 */

const START = "2026-11-21T12:00:00.000Z";
const filedLater = anOrder(0, { atIntake: false, expiresOn: "2027-05-20" });

describe("R5: an order filed before the lifecycle first read the demand", () => {
  it("R5: reviewers are asked to confirm it, and the wake-up of its filing does not ask twice", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: START, demand: aLifecycleDemand({}, { secrecyOrders: [filedLater] }) });
    run.feed({ type: "secrecy_orders_changed", at: START, orders: [filedLater] });
    const asked = run.commands.filter((c) => c.type === "request_review" && c.kind === "secrecy_confirmation");
    expect(asked).toHaveLength(1);
    expect(run.state.confirmations).toEqual([0]);
  });

  it("R5: once confirmed it holds back the notice at approval", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: START, demand: aLifecycleDemand({ reviewersRequired: 1 }, { secrecyOrders: [filedLater] }) });
    run.feed({ type: "review_decision", at: START, decision: { round: "secrecy-confirm-1", kind: "secrecy_confirmation", reviewer: "ana@p.example", action: "confirm_order" } });
    run.feed({ type: "review_decision", at: START, decision: { round: "review-1", kind: "approval", reviewer: "ben@p.example", action: "approve" } });
    expect(run.commands.filter((c) => c.type === "send_customer_notice")).toEqual([]);
    expect(run.state.notice.delayed).toBe("owed");
  });
});
