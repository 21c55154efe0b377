import { isoDurationMs } from "../../iso-duration";

/** When a review round next needs attention, and what to do then (R8: reminder at half time, escalation at the deadline). */
export interface RoundTimes {
  pool: "primary" | "escalation";
  deadlineAt: number;
  reminderAt: number | null;
  reminders: number;
}

/** What a round's clock asks for at a given moment. */
export type RoundDue = { kind: "remind" } | { kind: "escalate" } | { kind: "remind_escalated" } | null;

/** A new round opened at `at` with a deadline of `deadline` (ISO duration): reminder halfway, escalation at the deadline. */
export function openRoundTimes(at: number, deadline: string): RoundTimes {
  const deadlineAt = at + isoDurationMs(deadline);
  return { pool: "primary", deadlineAt, reminderAt: at + (deadlineAt - at) / 2, reminders: 0 };
}

/** The next instant the round needs attention, or null once the escalation pool has had every reminder. */
export function roundWakeAt(times: RoundTimes, maxReminders: number): number | null {
  if (times.reminderAt !== null) return times.reminderAt;
  return times.reminders < maxReminders || times.pool === "primary" ? times.deadlineAt : null;
}

/** What is due at `at`, if anything. */
export function roundDue(times: RoundTimes, at: number, maxReminders: number): RoundDue {
  const wake = roundWakeAt(times, maxReminders);
  if (wake === null || wake > at) return null;
  if (times.reminderAt !== null) return { kind: "remind" };
  return times.pool === "primary" ? { kind: "escalate" } : { kind: "remind_escalated" };
}

/** The round's times after handling what was due at `at`; escalations and later reminders restart the deadline from `at`. */
export function afterDue(times: RoundTimes, due: NonNullable<RoundDue>, at: number, deadline: string): RoundTimes {
  switch (due.kind) {
    case "remind":
      return { ...times, reminderAt: null };
    case "escalate":
      return { ...times, pool: "escalation", deadlineAt: at + isoDurationMs(deadline) };
    case "remind_escalated":
      return { ...times, reminders: times.reminders + 1, deadlineAt: at + isoDurationMs(deadline) };
  }
}
