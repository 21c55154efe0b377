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
  if (s.phase === "redirect" && s.round === null) times.push(s.redirectAnswerBy);
  if (s.round !== null) times.push(roundWakeAt(s.round, s.settings.maxReminders));
  if (s.phase === "objection") times.push(s.objectionEndsAt);
  // As followSecrecy: an owed notice is followed before the outcome too, except while approved data is released.
  if (s.notice.delayed === "owed" && !(s.outcome === null && s.phase === "disclosing")) times.push(secrecyWake(s, at));
  const due = times.filter((t): t is number => t !== null);
  return due.length === 0 ? null : Math.min(...due);
}

function secrecyWake(s: LifecycleState, at: number): number | null {
  const secrecy = secrecyInForce(s.secrecyOrders, at);
  if (secrecy.kind === "indefinite") return s.nextSecrecyReviewAt;
  if (secrecy.kind === "none") return s.expiry?.endsAt ?? at;
  const endsAt = secrecyEndsAt(secrecy.date).getTime();
  if (s.expiry?.decision === "withhold") return null;
  return s.expiry !== null && s.expiry.endsAt === endsAt ? endsAt : endsAt - isoDurationMs(s.settings.secrecyExpiryLead);
}
