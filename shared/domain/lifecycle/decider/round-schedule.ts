import { isoDurationMs } from "../../iso-duration";

/** When a review round next needs attention, and what to do then (R8: reminder at half time, escalation at the deadline). */
export interface RoundTimes {
  pool: "primary" | "escalation";
  deadlineAt: number;
  reminderAt: number | null;
  reminders: number;
  /** R10: operators were told an emergency's escalated round passed its deadline undecided (absent: not yet). */
  overdueAlerted?: boolean;
}

/** What a round's clock asks for at a given moment. */
export type RoundDue = { kind: "remind" } | { kind: "escalate" } | { kind: "remind_escalated" } | { kind: "alert_overdue" } | null;

/** A new round opened at `at`, its `deadline` (ISO duration) counted from `since` but never later than from `at`: reminder halfway, escalation at the deadline. */
export function openRoundTimes(at: number, deadline: string, since = at): RoundTimes {
  const from = Number.isFinite(since) ? Math.min(at, since) : at;
  const deadlineAt = from + isoDurationMs(deadline);
  return { pool: "primary", deadlineAt, reminderAt: from + (deadlineAt - from) / 2, reminders: 0 };
}

/** A round whose deadline had passed before it opened (R10: an emergency started late): escalated and alerted at `at`, reminders from then. */
export function overdueRoundTimes(at: number, deadline: string): RoundTimes {
  return { pool: "escalation", deadlineAt: at + isoDurationMs(deadline), reminderAt: null, reminders: 0, overdueAlerted: true };
}

/**
 * The next instant the round needs attention, or null once the escalation pool has had every reminder (and, for a round
 * that alerts when overdue, the operators were alerted).
 */
export function roundWakeAt(times: RoundTimes, maxReminders: number, alertsWhenOverdue = false): number | null {
  if (times.reminderAt !== null) return times.reminderAt;
  if (times.pool === "primary" || times.reminders < maxReminders) return times.deadlineAt;
  return owesOverdueAlert(times, alertsWhenOverdue) ? times.deadlineAt : null;
}

/** What is due at `at`, if anything; an escalated round that alerts when overdue alerts before its next reminder. */
export function roundDue(times: RoundTimes, at: number, maxReminders: number, alertsWhenOverdue = false): RoundDue {
  const wake = roundWakeAt(times, maxReminders, alertsWhenOverdue);
  if (wake === null || wake > at) return null;
  if (times.reminderAt !== null) return { kind: "remind" };
  if (times.pool === "primary") return { kind: "escalate" };
  return owesOverdueAlert(times, alertsWhenOverdue) ? { kind: "alert_overdue" } : { kind: "remind_escalated" };
}

function owesOverdueAlert(times: RoundTimes, alertsWhenOverdue: boolean): boolean {
  return alertsWhenOverdue && times.pool === "escalation" && times.overdueAlerted !== true;
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
    case "alert_overdue":
      return { ...times, overdueAlerted: true };
  }
}
