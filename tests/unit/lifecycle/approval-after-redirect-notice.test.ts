import { describe, expect, it } from "vitest";
import { isoDurationMs } from "../../../shared/domain/iso-duration";
import type { ReviewerDecision } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, anOrder, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R4/R5: an enterprise customer is told of the demand when the redirect goes out, before anyone has approved anything.
 * If the requester then says why the customer cannot be approached and reviewers approve, the objection window opens
 * at the approval; the customer was told neither that the demand was approved nor by when to object, so it learnt of
 * the disclosure only afterwards (or never). The approval now sends a follow-up notice naming the window's end,
 * unless the approving reviewers withheld notice or a secrecy order now forbids it.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function approvedAfterRedirect(approval: Partial<ReviewerDecision> = {}, secrecyOrders = [] as ReturnType<typeof anOrder>[]): DeciderRun {
  const run = new DeciderRun(TEST_SETTINGS);
  run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ redirect: true, reviewersRequired: 1 }, { secrecyOrders }) });
  run.feed({ type: "cannot_redirect", at: iso(START + DAY) });
  run.feed({ type: "review_decision", at: iso(START + 2 * DAY), decision: { round: run.state.round!.name, kind: "redirect", reviewer: "ana@p.example", action: "accept_reason" } });
  run.feed({ type: "review_decision", at: iso(START + 3 * DAY), decision: { round: run.state.round!.name, kind: "approval", reviewer: "ben@p.example", action: "approve", ...approval } });
  return run;
}

const notices = (run: DeciderRun) => run.commands.filter((c) => c.type === "send_customer_notice");

describe("R5: a customer told of the demand at the redirect is told again when it is approved", () => {
  it("R5: the approval sends a follow-up notice that names when the objection window ends", () => {
    const run = approvedAfterRedirect();
    const sent = notices(run);
    expect(sent).toHaveLength(2);
    const followUp = sent[1]!;
    expect(followUp).toMatchObject({ delayed: false, followsRedirect: true, objectionEndsAt: iso(START + 3 * DAY + isoDurationMs(TEST_SETTINGS.objectionWindow)) });
    expect(followUp.key).not.toBe(sent[0]!.key);
    expect(run.state.phase).toBe("objection");
  });

  it("R5: approving reviewers who withhold notice send no follow-up", () => {
    const run = approvedAfterRedirect({ action: "withhold_notice", withholdReason: "danger", comment: "the holder threatens a witness" });
    expect(notices(run)).toHaveLength(1);
  });

  it("R5/R9: no follow-up while a secrecy order binds (the redirect's own notice was held back too)", () => {
    const run = approvedAfterRedirect({}, [anOrder(0, { expiresOn: "2027-05-20" })]);
    expect(notices(run)).toHaveLength(0);
  });
});
