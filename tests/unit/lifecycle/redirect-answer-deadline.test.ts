import { describe, expect, it } from "vitest";
import { transition, type DeciderEvent } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R4 on the redirect deadline: without an answer by the deadline the demand closes as redirected. The deadline is woken
 * by a scheduled scan (every minute, or later when runs are missed), so an answer can reach the lifecycle after the
 * deadline and before the scan's Tick; it must be judged by the deadline, not by whether the scan had run yet.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function redirected(): DeciderRun {
  const run = new DeciderRun(TEST_SETTINGS);
  run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ redirect: true, reviewersRequired: 1 }) });
  expect(run.state.phase).toBe("redirect");
  return run;
}

describe("R4: a 'cannot redirect' answer that reaches the lifecycle after the redirect deadline", () => {
  it("R4: a late 'cannot redirect' answer (before the scan's Tick) closes the demand as redirected; no reviewer is asked", () => {
    const run = redirected();
    const late: DeciderEvent = { type: "cannot_redirect", at: iso(START + 30 * DAY + 30_000) };
    const commands = run.feed(late);
    expect(commands.some((c) => c.type === "request_review"), "no redirect round is opened after the deadline").toBe(false);
    expect(run.state.round).toBeNull();
    expect(run.state.outcome, "no answer by the deadline: redirected").toBe("redirected");
  });

  it("R4: an answer just before the deadline still goes to a reviewer", () => {
    const run = redirected();
    run.feed({ type: "cannot_redirect", at: iso(START + 30 * DAY - 1) });
    expect(run.state.round?.kind).toBe("redirect");
    expect(run.state.outcome).toBeNull();
  });
});

describe("R4: a 'cannot redirect' answer held while the demand was parked", () => {
  it("R4: an answer that arrived in time while parked still goes to a reviewer when the operator resumes after the deadline", () => {
    const run = redirected();
    run.feed({ type: "effects_failed", at: iso(START + 1000), code: "smtp-unavailable", commands: [] });
    run.feed({ type: "cannot_redirect", at: iso(START + DAY) });
    run.feed({ type: "operator_resumed", at: iso(START + 31 * DAY), operator: "ops" });
    expect(run.state.round?.kind).toBe("redirect");
    expect(run.state.outcome).toBeNull();
  });
});

describe("R4: the redirect deadline while the demand is parked", () => {
  it("R4: a demand parked while awaiting the requester's answer (which the API refuses meanwhile) is not closed as redirected on resume: the time parked is added to the deadline", () => {
    const run = redirected();
    const answerBy = run.state.redirectAnswerBy!;
    // The customer's notice kept failing right after the redirect went out; an operator resumes it five weeks later.
    run.feed({ type: "effects_failed", at: iso(START + 1000), code: "smtp-unavailable", commands: [] });
    const resumedAt = START + 35 * DAY;
    run.feed({ type: "operator_resumed", at: iso(resumedAt), operator: "ops" });
    expect(run.state.outcome, "the requester could not answer while parked").toBeNull();
    expect(run.state.phase).toBe("redirect");
    expect(run.state.redirectAnswerBy).toBe(answerBy + (resumedAt - (START + 1000)));
    run.feed({ type: "cannot_redirect", at: iso(resumedAt + DAY) });
    expect(run.state.round?.kind, "the answer given after the resume reaches a reviewer").toBe("redirect");
  });
});

describe("R4: the redirect deadline's step reads the demand for an answer recorded before it", () => {
  it("R4: an answer the API recorded before the deadline goes to a reviewer; its event, arriving after, is not heard twice", () => {
    const run = redirected();
    run.redirectAnsweredAt = iso(START + 30 * DAY - 2_000);
    const commands = run.feed({ type: "tick", at: iso(START + 30 * DAY + 60_000) });
    expect(commands.find((c) => c.type === "record" && c.step === "redirect deadline reached")).toMatchObject({ status: "in_review" });
    expect(run.state.round?.kind).toBe("redirect");
    expect(run.state.outcome).toBeNull();
    const again = run.feed({ type: "cannot_redirect", at: iso(START + 30 * DAY + 90_000), answeredAt: run.redirectAnsweredAt });
    expect(again.filter((c) => c.type === "request_review")).toHaveLength(0);
    expect(again.some((c) => c.type === "record" && c.step === "cannot-redirect answer already heard")).toBe(true);
  });

  it("R4: parked while the read is pending, the resume keeps the answer API closed and an answer deferred meanwhile is judged by the deadline", () => {
    const run = redirected();
    const deadline = START + 30 * DAY;
    const tick = transitionOnly(run, { type: "tick", at: iso(deadline + 60_000) });
    expect(tick.some((c) => c.type === "read_redirect_answer")).toBe(true);
    run.feed({ type: "effects_failed", at: iso(deadline + 61_000), code: "cosmos-unavailable", commands: [{ type: "read_redirect_answer" }] });
    run.feed({ type: "cannot_redirect", at: iso(deadline + 62_000), answeredAt: iso(deadline - 1_000) });
    const resumed = transitionOnly(run, { type: "operator_resumed", at: iso(deadline + DAY), operator: "ops" });
    expect(resumed.find((c) => c.type === "record" && c.step === "resumed")).toMatchObject({ status: "in_review" });
    expect(run.state.round?.kind).toBe("redirect");
  });
});

/** Feeds one event without playing the interpreter's read (so a test can fail or park it). */
function transitionOnly(run: DeciderRun, event: DeciderEvent) {
  const next = transition(run.state, event);
  run.state = next.state;
  return next.commands;
}
