import { describe, expect, it } from "vitest";
import { contracted } from "../../../activities/contracted";
import { makeLoadDemandHandler } from "../../../activities/handlers/load-demand";
import { EMERGENCY_UNDECIDED, type Command } from "../../../shared/domain/lifecycle/decider";
import type { DemandStore } from "../../../shared/ports/demand-store";
import { aDemandRecord } from "../../support/builders";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aDecision, aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R10: an emergency is evaluated, and disclosed, within its deadline (one hour here) of being received. A lifecycle that
 * starts late (a backlog of queued orchestrations, or the wake scan starting it after intake's start failed) must not
 * give reviewers a fresh hour from its start: the first round's reminder and escalation count from the receipt.
 */

const RECEIVED = Date.parse("2026-11-21T12:00:00.000Z");
const MIN = 60_000;
const H = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();

/** An emergency (or an ordinary demand) received at RECEIVED whose lifecycle starts `delay` later; `receivedAt` absent: facts loaded before it was kept. */
function startedLate(delay: number, options: { emergency?: boolean; withReceipt?: boolean } = {}): DeciderRun {
  const { emergency = true, withReceipt = true } = options;
  const run = new DeciderRun(TEST_SETTINGS);
  const demand = aLifecycleDemand({ emergency: emergency ? { reviewDeadlineMinutes: 60 } : null, reviewersRequired: 1 }, withReceipt ? { receivedAt: iso(RECEIVED) } : {});
  run.feed({ type: "started", at: iso(RECEIVED + delay), demand });
  return run;
}

const of = <T extends Command["type"]>(commands: Command[], type: T) => commands.filter((c): c is Extract<Command, { type: T }> => c.type === type);
const reviews = (commands: Command[]) => of(commands, "request_review").map((c) => ({ pool: c.pool, notice: c.notice, deadline: c.deadline }));

describe("R10: an emergency's first review round counts from the demand's receipt", () => {
  it("R10: started 40 minutes late, the reminder is due at receipt+30 min (at once) and the escalation at receipt+60 min", () => {
    const start = RECEIVED + 40 * MIN;
    const run = startedLate(40 * MIN);
    expect(reviews(run.commands)).toEqual([{ pool: "primary", notice: "initial", deadline: iso(RECEIVED + H) }]);
    expect(run.state.round).toMatchObject({ pool: "primary", reminderAt: RECEIVED + 30 * MIN, deadlineAt: RECEIVED + H });
    expect(run.state.wakeAt, "the reminder is already due").toBe(RECEIVED + 30 * MIN);

    const reminded = run.feed({ type: "tick", at: iso(start) });
    expect(reviews(reminded)).toEqual([{ pool: "primary", notice: "reminder", deadline: iso(RECEIVED + H) }]);
    expect(run.state.wakeAt, "the escalation an hour after receipt, not after the start").toBe(RECEIVED + H);

    expect(reviews(run.feed({ type: "tick", at: iso(RECEIVED + H - 1) }))).toEqual([]);
    const escalated = run.feed({ type: "tick", at: iso(RECEIVED + H) });
    expect(reviews(escalated)).toEqual([{ pool: "escalation", notice: "escalation", deadline: iso(RECEIVED + 2 * H) }]);
    expect(of(run.commands, "alert_operator")).toEqual([]);
  });

  it("R10: started 2 h late (the deadline already passed), the round opens escalated at once and operators are alerted, without a fresh hour", () => {
    const start = RECEIVED + 2 * H;
    const run = startedLate(2 * H);
    const asked = reviews(run.commands);
    expect(asked, "the escalation pool is asked at once").toContainEqual({ pool: "escalation", notice: "escalation", deadline: iso(start + H) });
    expect(asked.some((r) => r.pool === "primary" && r.deadline === iso(start + H) && r.notice !== "initial"), "no primary hour from the start").toBe(false);
    expect(of(run.commands, "alert_operator"), "operators are alerted at once").toEqual([expect.objectContaining({ code: EMERGENCY_UNDECIDED, key: "dmd-test:alert:emergency-undecided:review-1" })]);
    expect(of(run.commands, "record").map((c) => c.step)).toContain("emergency undecided past its deadline");
    const opened = of(run.commands, "record").find((c) => c.reviewRound?.open === true && c.reviewRound.kind === "approval");
    expect(opened?.reviewRound?.pool, "recorded escalated before any link goes out").toBe("escalation");
    expect(run.state.round).toMatchObject({ name: "review-1", pool: "escalation", reminderAt: null, overdueAlerted: true });
    expect(of(run.commands, "disclose"), "nothing is released without a reviewer").toEqual([]);

    // From here it is an escalated round like any other: reminders to the escalation pool, the alert not repeated.
    expect(run.state.wakeAt).toBe(start + H);
    const later = run.feed({ type: "tick", at: iso(start + H) });
    expect(reviews(later)).toEqual([{ pool: "escalation", notice: "reminder", deadline: iso(start + 2 * H) }]);
    expect(of(later, "alert_operator")).toEqual([]);

    run.feed({ type: "review_decision", at: iso(start + H + MIN), decision: aDecision("approve", "rev-a", { verification: "called back the agency's number on file" }) });
    expect(of(run.commands, "disclose"), "a reviewer's approval still releases it at once").toHaveLength(1);
  });

  it("R10: started exactly at the deadline, the round opens escalated (the deadline has passed)", () => {
    const run = startedLate(H);
    expect(run.state.round?.pool).toBe("escalation");
    expect(of(run.commands, "alert_operator")).toHaveLength(1);
  });

  it("R10: started at once, the round is as before: reminder at 30 min, escalation at 60 min", () => {
    const run = startedLate(0);
    expect(run.state.round).toMatchObject({ pool: "primary", reminderAt: RECEIVED + 30 * MIN, deadlineAt: RECEIVED + H });
  });

  it("R10: a receipt after the start (clocks apart) never makes the deadline later than from the start", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: iso(RECEIVED), demand: aLifecycleDemand({ emergency: { reviewDeadlineMinutes: 60 }, reviewersRequired: 1 }, { receivedAt: iso(RECEIVED + 5 * MIN) }) });
    expect(run.state.round).toMatchObject({ reminderAt: RECEIVED + 30 * MIN, deadlineAt: RECEIVED + H });
  });

  it("R10: facts loaded before the receipt was kept (an old history) count from the start, as before", () => {
    const run = startedLate(2 * H, { withReceipt: false });
    expect(run.state.round).toMatchObject({ pool: "primary", reminderAt: RECEIVED + 2 * H + 30 * MIN, deadlineAt: RECEIVED + 3 * H });
    expect(of(run.commands, "alert_operator")).toEqual([]);
  });

  it("R8: an ordinary demand's round counts from the start, as before", () => {
    const run = startedLate(2 * H, { emergency: false });
    expect(run.state.round).toMatchObject({ pool: "primary", reminderAt: RECEIVED + 2 * H + 2 * 24 * H, deadlineAt: RECEIVED + 2 * H + 4 * 24 * H });
    expect(of(run.commands, "alert_operator")).toEqual([]);
  });

  it("R10: a round reopened later (an objection mid-round) counts from its own opening, as before", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: iso(RECEIVED + 10 * MIN), demand: aLifecycleDemand({ emergency: { reviewDeadlineMinutes: 60 }, reviewersRequired: 2 }, { receivedAt: iso(RECEIVED) }) });
    run.feed({ type: "review_decision", at: iso(RECEIVED + 20 * MIN), decision: aDecision("approve", "rev-a", { verification: "called back" }) });
    run.feed({ type: "customer_objection", at: iso(RECEIVED + 25 * MIN) });
    expect(run.state.round).toMatchObject({ name: "review-2", pool: "primary", reminderAt: RECEIVED + 55 * MIN, deadlineAt: RECEIVED + 85 * MIN });
  });
});

describe("R10: loadDemand carries the demand's receipt to the lifecycle", () => {
  it("R10: the facts (validated by the activity's contract) say when the demand was received", async () => {
    const record = aDemandRecord({ receivedAt: iso(RECEIVED) });
    const demands = { get: async () => ({ record }) } as unknown as DemandStore;
    const load = contracted("loadDemand", makeLoadDemandHandler(async () => ({ demands })));
    const facts = await load({ demandId: record.id, at: iso(RECEIVED + H) });
    expect(facts.receivedAt).toBe(iso(RECEIVED));
  });
});
