import { describe, expect, it } from "vitest";
import type { Command } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aDecision, aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R4 for a demand that names an enterprise customer's account (position 0, the email) and a consumer's (position 1, the
 * phone): only the enterprise identifier is redirected; the consumer's goes to review at once, and the enterprise one is
 * reviewed only if the requester's 'cannot redirect' reason is accepted. The outcome counts what happened (R11).
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ENTERPRISE = { type: "email", value: "pat@outlook.example" };
const CONSUMER = { type: "phone", value: "+14155550123" };
/** TEST_SETTINGS.objectionWindow. */
const TEST_SETTINGS_OBJECTION_MS = 10 * DAY;
const CONTENT = { itemCount: 2, contentDisclosed: true, nonContentDisclosed: true };

function mixed(): DeciderRun {
  const run = new DeciderRun(TEST_SETTINGS);
  run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ redirect: true, directTargets: [1], reviewersRequired: 1 }) });
  return run;
}

const of = <T extends Command["type"]>(commands: Command[], type: T) => commands.filter((c): c is Extract<Command, { type: T }> => c.type === type);

/** Approves the open approval round, waits out the objection window, and plays the disclosure. */
function approveAndRelease(run: DeciderRun, round: string, at: number): Extract<Command, { type: "disclose" }> {
  run.feed({ type: "review_decision", at: iso(at), decision: aDecision("approve", "ana@p.example", { round }) });
  const commands = run.feed({ type: "tick", at: iso(at + TEST_SETTINGS_OBJECTION_MS) });
  const disclose = of(commands, "disclose");
  expect(disclose, "released after the objection window").toHaveLength(1);
  run.feed({ type: "disclosed", at: iso(at + TEST_SETTINGS_OBJECTION_MS), result: CONTENT });
  return disclose[0]!;
}

describe("R4: a demand naming both enterprise and consumer accounts", () => {
  it("R4: the redirect goes out and the consumer identifier goes to review at once, narrowed to it", () => {
    const run = mixed();
    expect(of(run.commands, "notify_requester")).toEqual([expect.objectContaining({ message: "redirect" })]);
    expect(run.state.round?.kind, "the consumer part does not wait for the redirect").toBe("approval");
    expect(of(run.commands, "request_review").map((r) => r.round)).toEqual(["review-1"]);
    expect(run.state.scope.targets).toEqual([CONSUMER]);
    const opened = of(run.commands, "record").find((r) => r.reviewRound?.kind === "approval");
    expect(opened?.reviewRound?.scope?.targets, "reviewers see only the consumer identifier").toEqual([1]);
  });

  it("R4: the consumer part is released without the enterprise identifier, and without waiting for the redirect; the outcome is disclosed", () => {
    const run = mixed();
    const disclose = approveAndRelease(run, "review-1", START + DAY);
    expect(disclose.scope.targets).toEqual([CONSUMER]);
    expect(of(run.commands, "conclude")).toEqual([expect.objectContaining({ outcome: "disclosed_content" })]);
    expect(run.state.closed).toBe(true);
  });

  it("R4: a reason given while the consumer part is in review is reviewed at once; accepted, the enterprise identifier joins the review and one release names both", () => {
    const run = mixed();
    run.feed({ type: "cannot_redirect", at: iso(START + DAY / 2) });
    expect(run.state.round?.kind).toBe("redirect");
    const redirectRound = run.state.round!.name;
    run.feed({ type: "review_decision", at: iso(START + DAY), decision: aDecision("accept_reason", "ben@p.example", { round: redirectRound, kind: "redirect" }) });
    expect(run.state.round?.kind, "the review starts again over the wider scope").toBe("approval");
    expect(run.state.scope.targets).toEqual([CONSUMER, ENTERPRISE]);
    const disclose = approveAndRelease(run, run.state.round!.name, START + 2 * DAY);
    expect(disclose.scope.targets).toEqual([CONSUMER, ENTERPRISE]);
    expect(of(run.commands, "conclude")).toEqual([expect.objectContaining({ outcome: "disclosed_content" })]);
  });

  it("R4: a reason given during the consumer part's objection window is reviewed at once; refused, the requester is told, the consumer part is approved again and released alone", () => {
    const run = mixed();
    run.feed({ type: "review_decision", at: iso(START + DAY), decision: aDecision("approve", "ana@p.example") });
    expect(run.state.phase).toBe("objection");
    run.feed({ type: "cannot_redirect", at: iso(START + 2 * DAY) });
    expect(run.state.round?.kind).toBe("redirect");
    run.feed({ type: "review_decision", at: iso(START + 3 * DAY), decision: aDecision("refuse_reason", "ben@p.example", { round: run.state.round!.name, kind: "redirect" }) });
    expect(of(run.commands, "notify_requester").map((n) => [n.message, n.outcome])).toEqual([
      ["redirect", undefined],
      ["redirect_reason_refused", undefined],
    ]);
    expect(run.state.outcome).toBeNull();
    const disclose = approveAndRelease(run, run.state.round!.name, START + 4 * DAY);
    expect(disclose.scope.targets).toEqual([CONSUMER]);
    expect(of(run.commands, "conclude")).toEqual([expect.objectContaining({ outcome: "disclosed_content" })]);
  });

  it("R4: once the consumer part is released, a 'cannot redirect' answer is no longer taken (one release per demand)", () => {
    const run = mixed();
    approveAndRelease(run, "review-1", START + DAY);
    run.feed({ type: "cannot_redirect", at: iso(START + 15 * DAY) });
    expect(of(run.commands, "request_review").filter((r) => r.kind === "redirect")).toHaveLength(0);
  });

  it("R11: withdrawn while the consumer part is in review, the demand counts as withdrawn, not redirected", () => {
    const run = mixed();
    run.feed({ type: "withdrawn", at: iso(START + DAY) });
    expect(of(run.commands, "conclude")).toEqual([expect.objectContaining({ outcome: "withdrawn" })]);
  });

  it("R11: a consumer part with no data counts as redirected: the enterprise data was sought from its customer", () => {
    const run = mixed();
    run.feed({ type: "review_decision", at: iso(START + DAY), decision: aDecision("approve", "ana@p.example") });
    run.feed({ type: "tick", at: iso(START + 11 * DAY) });
    run.feed({ type: "disclosed", at: iso(START + 11 * DAY), result: { itemCount: 0, contentDisclosed: false, nonContentDisclosed: false } });
    expect(of(run.commands, "conclude")).toEqual([expect.objectContaining({ outcome: "redirected" })]);
  });

  it("R4: a consumer part narrowed to nothing releases nothing; the demand then waits for the redirect answer, and closes as redirected without one", () => {
    const run = mixed();
    run.feed({ type: "review_decision", at: iso(START + DAY), decision: aDecision("narrow", "ana@p.example", { narrowing: { targets: [0] } }) });
    expect(of(run.commands, "disclose")).toHaveLength(0);
    expect(run.state.outcome).toBeNull();
    expect(run.state.phase).toBe("redirect");
    run.feed({ type: "tick", at: iso(START + 31 * DAY) });
    expect(of(run.commands, "conclude")).toEqual([expect.objectContaining({ outcome: "redirected" })]);
  });

  it("R4: no answer by the redirect deadline leaves the enterprise identifier redirected; the consumer review goes on", () => {
    const run = mixed();
    run.feed({ type: "tick", at: iso(START + 31 * DAY) });
    expect(run.state.outcome).toBeNull();
    expect(run.state.round?.kind, "the consumer review is still open").toBe("approval");
    run.feed({ type: "cannot_redirect", at: iso(START + 31 * DAY) });
    expect(of(run.commands, "request_review").filter((r) => r.kind === "redirect"), "too late").toHaveLength(0);
    const disclose = approveAndRelease(run, "review-1", START + 32 * DAY);
    expect(disclose.scope.targets).toEqual([CONSUMER]);
  });

  it("R4: a demand naming only enterprise accounts is still redirected whole, as before", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ redirect: true, reviewersRequired: 1 }) });
    expect(run.state.phase).toBe("redirect");
    expect(run.state.round).toBeNull();
  });
});
