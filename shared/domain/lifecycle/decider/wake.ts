import { isoDurationMs } from "../../iso-duration";
import { secrecyEndsAt } from "../timing";
import type { LifecycleState } from "./model";
import { roundWakeAt } from "./round-schedule";
import { secrecyInForce } from "./secrecy-in-force";

/**
 * The next instant the lifecycle must act on its own, or null when it only waits for people. The wait is kept as data on
 * the demand and woken by the scheduled scan, so no durable timer is ever raced against an event (see DESIGN §2).
 */
export function nextWake(s: LifecycleState, at: number): number | null {
  if (s.closed || s.parked !== null) return null;
  const times: (number | null)[] = [];
  if ((s.phase === "redirect" && s.round === null) || s.split?.part === "awaiting") times.push(s.redirectAnswerBy);
  if (s.round !== null) times.push(roundWakeAt(s.round, s.settings.maxReminders, alertsWhenOverdue(s)));
  for (const confirmation of Object.values(s.confirmationTimes)) times.push(roundWakeAt(confirmation, s.settings.maxReminders));
  if (s.phase === "objection") times.push(s.objectionEndsAt);
  if (followsOwedNotice(s)) times.push(secrecyWake(s, at));
  const due = times.filter((t): t is number => t !== null);
  return due.length === 0 ? null : Math.min(...due);
}

/** R10: whether the open round is an emergency's approval, whose operators are alerted if it passes its escalated deadline undecided. */
export function alertsWhenOverdue(s: LifecycleState): boolean {
  return s.round?.kind === "approval" && (s.facts?.plan?.emergency ?? null) !== null;
}

/**
 * Whether a delayed notice is owed and followed now: before the outcome too (an order that held back a redirect's notice
 * ends on its own day), but not while approved data is being released (a notice then would invite an objection to a
 * release under way; the outcome follows within minutes, and the delayed notice with it).
 */
export function followsOwedNotice(s: LifecycleState): boolean {
  return s.notice.delayed === "owed" && !(s.outcome === null && s.phase === "disclosing");
}

function secrecyWake(s: LifecycleState, at: number): number | null {
  const secrecy = secrecyInForce(s.secrecyOrders, at);
  if (secrecy.kind === "indefinite") return s.nextSecrecyReviewAt;
  if (secrecy.kind === "none") return s.expiry?.endsAt ?? at;
  const endsAt = secrecyEndsAt(secrecy.date).getTime();
  if (s.expiry?.decision === "withhold") return null;
  return s.expiry !== null && s.expiry.endsAt === endsAt ? endsAt : endsAt - isoDurationMs(s.settings.secrecyExpiryLead);
}
