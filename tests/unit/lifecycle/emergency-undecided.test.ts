import { describe, expect, it } from "vitest";
import { EMERGENCY_UNDECIDED, type Command } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aDecision, aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R10: an emergency is evaluated on a short deadline. After escalation and its reminders the round stops waking, so an
 * emergency nobody decided would sit in review with nobody told. Operators are alerted once, and the lifecycle decides
 * nothing itself: no disclosure without a reviewer.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Plays the scheduled scan: a Tick at each wake time, until the lifecycle stops waking (or a day has passed); returns when each command came. */
function scanUntilQuiet(run: DeciderRun, until = START + 24 * H): { at: number; command: Command }[] {
  const seen: { at: number; command: Command }[] = [];
  for (let i = 0; i < 50 && run.state.wakeAt !== null && run.state.wakeAt <= until; i++) {
    const at = run.state.wakeAt;
    seen.push(...run.feed({ type: "tick", at: iso(at) }).map((command) => ({ at, command })));
  }
  return seen;
}

function started(emergency: boolean): DeciderRun {
  const run = new DeciderRun(TEST_SETTINGS);
  run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ emergency: emergency ? { reviewDeadlineMinutes: 60 } : null, reviewersRequired: 1 }) });
  return run;
}

const of = <T extends Command["type"]>(run: DeciderRun, type: T) => run.commands.filter((c): c is Extract<Command, { type: T }> => c.type === type);
const steps = (run: DeciderRun) => of(run, "record").map((c) => c.step);

describe("R10: an emergency left undecided past its escalated deadline", () => {
  it("R10: operators are alerted once when the escalated round's deadline passes undecided, and it is on the timeline; nothing is decided", () => {
    const run = started(true);
    const seen = scanUntilQuiet(run);
    const alerts = seen.filter((s) => s.command.type === "alert_operator");
    expect(alerts.map((s) => s.command), "operators are alerted, once").toEqual([expect.objectContaining({ code: EMERGENCY_UNDECIDED })]);
    // Escalated at 1 h with a new hour: the alert comes when that hour passes undecided, not after hours of reminders.
    expect(alerts[0]!.at).toBe(START + 2 * H);
    expect(steps(run).filter((s) => s === "emergency undecided past its deadline")).toHaveLength(1);
    expect(of(run, "disclose"), "no disclosure without a reviewer").toEqual([]);
    expect(of(run, "conclude")).toEqual([]);
    expect(run.state.round?.name, "the round stays open for a reviewer").toBe("review-1");
    expect(run.state.parked).toBeNull();
    expect(run.state.wakeAt, "after the alert and the reminders the round waits for a person").toBeNull();
  });

  it("R10: with no escalated reminders configured, the alert still comes when the escalated deadline passes", () => {
    const run = new DeciderRun({ ...TEST_SETTINGS, maxReminders: 0 });
    run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ emergency: { reviewDeadlineMinutes: 60 }, reviewersRequired: 1 }) });
    const seen = scanUntilQuiet(run);
    expect(seen.filter((s) => s.command.type === "alert_operator").map((s) => s.at)).toEqual([START + 2 * H]);
  });

  it("R10: a reviewer who decides after the alert still releases the emergency at once", () => {
    const run = started(true);
    scanUntilQuiet(run);
    run.feed({ type: "review_decision", at: iso(START + 10 * H), decision: aDecision("approve", "rev-a", { verification: "called back the agency's number on file" }) });
    expect(of(run, "disclose")).toHaveLength(1);
  });

  it("R10: a decided emergency is never alerted as undecided", () => {
    const run = started(true);
    run.feed({ type: "review_decision", at: iso(START + 10 * 60_000), decision: aDecision("approve", "rev-a", { verification: "called back" }) });
    scanUntilQuiet(run);
    expect(of(run, "alert_operator")).toEqual([]);
  });

  it("R8: an ordinary demand's round still only waits after its reminders (no operator alert)", () => {
    const run = started(false);
    scanUntilQuiet(run, START + 60 * 24 * H);
    expect(of(run, "alert_operator")).toEqual([]);
    expect(run.state.wakeAt).toBeNull();
  });
});
