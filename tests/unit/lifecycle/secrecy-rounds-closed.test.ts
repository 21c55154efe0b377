import { describe, expect, it } from "vitest";
import type { Command } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, anOrder, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R9 (and R8's review pages): a secrecy round the lifecycle stops waiting for is recorded closed, as every other round
 * is. The review pages offer any round the demand's record shows open, and tell the reviewer the decision was recorded
 * once it is raised; a round left open after the delayed notice went out lets a reviewer "withhold" a notice the
 * customer already has, and one left open on a closed demand lets a reviewer "confirm" an order nothing will apply.
 */

const START = "2026-11-21T12:00:00.000Z";

/** The last state each round was recorded in. */
function lastRecorded(commands: Command[]): Map<string, boolean> {
  const rounds = new Map<string, boolean>();
  for (const c of commands) if (c.type === "record" && c.reviewRound !== undefined) rounds.set(c.reviewRound.round, c.reviewRound.open);
  return rounds;
}

/** A one-reviewer demand filed with an order that ends 2027-02-10, approved and disclosed. */
function disclosedUnderOrder(): DeciderRun {
  const run = new DeciderRun(TEST_SETTINGS);
  run.feed({ type: "started", at: START, demand: aLifecycleDemand({ reviewersRequired: 1 }, { secrecyOrders: [anOrder(0, { expiresOn: "2027-02-10" })] }) });
  run.feed({ type: "review_decision", at: START, decision: { round: "review-1", kind: "approval", reviewer: "ana@p.example", action: "approve" } });
  run.feed({ type: "disclosed", at: START, result: { itemCount: 2, contentDisclosed: true, nonContentDisclosed: true } });
  return run;
}

describe("R9: secrecy rounds are recorded closed when the lifecycle stops waiting for them", () => {
  it("R9: the expiry round nobody decided is recorded closed once the delayed notice went out", () => {
    const run = disclosedUnderOrder();
    run.feed({ type: "tick", at: "2027-01-28T12:00:00.000Z" });
    run.feed({ type: "tick", at: "2027-02-11T12:00:00.000Z" });
    expect(run.commands.filter((c) => c.type === "send_customer_notice" && c.delayed)).toHaveLength(1);
    expect(run.state.closed).toBe(true);
    const open = [...lastRecorded(run.commands)].filter(([, isOpen]) => isOpen).map(([round]) => round);
    expect(open).toEqual([]);
  });

  it("R9: an extension still awaiting confirmation when the demand closes is recorded closed", () => {
    const run = disclosedUnderOrder();
    run.feed({ type: "secrecy_orders_changed", at: "2027-01-20T00:00:00.000Z", orders: [anOrder(0, { expiresOn: "2027-02-10" }), anOrder(1, { expiresOn: "2027-12-31" })] });
    run.feed({ type: "tick", at: "2027-01-28T12:00:00.000Z" });
    run.feed({ type: "review_decision", at: "2027-01-29T00:00:00.000Z", decision: { round: run.state.expiry!.round, kind: "secrecy_expiry", reviewer: "ben@p.example", action: "notify" } });
    run.feed({ type: "tick", at: "2027-02-11T12:00:00.000Z" });
    expect(run.state.closed).toBe(true);
    const open = [...lastRecorded(run.commands)].filter(([, isOpen]) => isOpen).map(([round]) => round);
    expect(open).toEqual([]);
  });
});
