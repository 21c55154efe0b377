import { describe, expect, it } from "vitest";
import { afterDue, openRoundTimes, roundDue, roundWakeAt, type RoundTimes } from "../../../shared/domain/lifecycle/decider/round-schedule";

const H = 3_600_000;
const D = 24 * H;

/** Plays the scheduled scan: wakes the round at each wake time until it asks for nothing more; returns what was due when. */
function walk(deadline: string, maxReminders: number): { at: number; kind: string }[] {
  let times = openRoundTimes(0, deadline);
  const seen: { at: number; kind: string }[] = [];
  for (let wake = roundWakeAt(times, maxReminders); wake !== null && seen.length < 20; wake = roundWakeAt(times, maxReminders)) {
    const due = roundDue(times, wake, maxReminders);
    expect(due, "the round is due at its own wake time").not.toBeNull();
    seen.push({ at: wake, kind: due!.kind });
    times = afterDue(times, due!, wake, deadline);
  }
  return seen;
}

describe("R8: the review round's schedule (reminder at half time, escalation at the deadline, escalated reminders)", () => {
  it.each([
    [
      "R8: P4D, two escalated reminders",
      "P4D",
      2,
      [
        { at: 2 * D, kind: "remind" },
        { at: 4 * D, kind: "escalate" },
        { at: 8 * D, kind: "remind_escalated" },
        { at: 12 * D, kind: "remind_escalated" },
      ],
    ],
    [
      "R8/R10: an emergency's hour, one escalated reminder",
      "PT1H",
      1,
      [
        { at: 0.5 * H, kind: "remind" },
        { at: H, kind: "escalate" },
        { at: 2 * H, kind: "remind_escalated" },
      ],
    ],
    [
      "R8: no escalated reminders: escalation still happens once, then the round only waits",
      "P4D",
      0,
      [
        { at: 2 * D, kind: "remind" },
        { at: 4 * D, kind: "escalate" },
      ],
    ],
  ])("%s", (_name, deadline, maxReminders, expected) => {
    expect(walk(deadline, maxReminders)).toEqual(expected);
  });

  const opened = openRoundTimes(1000, "P4D");
  const escalated: RoundTimes = { pool: "escalation", deadlineAt: 9 * D, reminderAt: null, reminders: 1 };
  const exhausted: RoundTimes = { pool: "escalation", deadlineAt: 9 * D, reminderAt: null, reminders: 2 };
  it.each([
    ["R8: a new round: halfway is the reminder", opened, 1000 + 2 * D - 1, 2, null],
    ["R8: a new round at exactly half time", opened, 1000 + 2 * D, 2, { kind: "remind" }],
    ["R8: a scan long after both times sends the reminder first", opened, 1000 + 10 * D, 2, { kind: "remind" }],
    ["R8: reminded, just before the deadline", { ...opened, reminderAt: null }, 1000 + 4 * D - 1, 2, null],
    ["R8: reminded, at the deadline: escalate", { ...opened, reminderAt: null }, 1000 + 4 * D, 2, { kind: "escalate" }],
    ["R8: escalated, before its deadline", escalated, 9 * D - 1, 2, null],
    ["R8: escalated, at its deadline: remind the escalation pool", escalated, 9 * D, 2, { kind: "remind_escalated" }],
    ["R8: escalated, every reminder sent: nothing more", exhausted, 100 * D, 2, null],
  ])("%s", (_name, times, at, maxReminders, expected) => {
    expect(roundDue(times, at, maxReminders)).toEqual(expected);
  });

  it("R8: the wake after every reminder is spent is none (the round waits for a person)", () => {
    expect(roundWakeAt(exhausted, 2)).toBeNull();
    expect(roundWakeAt(escalated, 2)).toBe(9 * D);
  });

  it("R8: an escalation and an escalated reminder restart the deadline from when they were handled, a reminder keeps it", () => {
    expect(afterDue(opened, { kind: "remind" }, 5 * D, "P4D")).toEqual({ ...opened, reminderAt: null });
    expect(afterDue({ ...opened, reminderAt: null }, { kind: "escalate" }, 5 * D, "P4D")).toEqual({ pool: "escalation", deadlineAt: 9 * D, reminderAt: null, reminders: 0 });
    expect(afterDue(escalated, { kind: "remind_escalated" }, 10 * D, "P4D")).toEqual({ ...escalated, reminders: 2, deadlineAt: 14 * D });
  });
});
