import { describe, expect, it } from "vitest";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, anOrder, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R5(b)/R9: approving reviewers may withhold the customer's notice for exceptional circumstances, with a reason. On an
 * enterprise demand filed with a secrecy order, the redirect's notice was already held back by the order (owed as a
 * delayed notice); the approval's withholding must still stand when the order ends, as it does for the same demand
 * without a redirect (there the order's end sends nothing).
 */

const START = "2026-11-21T12:00:00.000Z";

function approvedWithNoticeWithheld(redirect: boolean): DeciderRun {
  const run = new DeciderRun(TEST_SETTINGS);
  run.feed({ type: "started", at: START, demand: aLifecycleDemand({ redirect, reviewersRequired: 1 }, { secrecyOrders: [anOrder(0, { expiresOn: "2027-02-10" })] }) });
  let approvalRound = "review-1";
  if (redirect) {
    run.feed({ type: "cannot_redirect", at: START });
    run.feed({ type: "review_decision", at: START, decision: { round: "redirect-1", kind: "redirect", reviewer: "ana@p.example", action: "accept_reason", comment: "sealed investigation" } });
    approvalRound = run.state.round!.name;
  }
  run.feed({ type: "review_decision", at: START, decision: { round: approvalRound, kind: "approval", reviewer: "ben@p.example", action: "withhold_notice", withholdReason: "danger", comment: "the account holder threatens the victim" } });
  run.feed({ type: "disclosed", at: START, result: { itemCount: 2, contentDisclosed: true, nonContentDisclosed: true } });
  for (const at of ["2027-01-28T00:00:00.000Z", "2027-02-11T00:00:00.000Z", "2027-02-20T00:00:00.000Z"]) run.feed({ type: "tick", at });
  return run;
}

describe("R5: a notice withheld by the approving reviewers on a demand under a secrecy order", () => {
  it.each([
    ["without a redirect", false],
    ["after a redirect whose notice the order held back", true],
  ])("R5: %s, no notice goes out when the order ends and the demand closes", (_name, redirect) => {
    const run = approvedWithNoticeWithheld(redirect);
    expect(run.commands.filter((c) => c.type === "send_customer_notice")).toEqual([]);
    expect(run.state.closed).toBe(true);
  });
});
