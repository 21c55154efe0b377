import type { DataCategory } from "../enums";

/** External event names the lifecycle waits for. */
export const LifecycleEvent = {
  reviewDecision: "ReviewDecision",
  requesterAction: "RequesterAction",
  secrecyOrderChanged: "SecrecyOrderChanged",
  customerObjection: "CustomerObjection",
  /** The scheduled scan: a deadline the demand keeps as data has come. */
  tick: "Tick",
  /** An operator resumes a demand parked after a step kept failing. */
  operatorResume: "OperatorResume",
} as const;

/** The requester withdraws, or says why the customer cannot be approached (R4). */
export type RequesterActionEvent = { action: "withdraw" } | { action: "cannot_redirect"; reason: string };

/** A wake-up: the demand's secrecy orders changed; the lifecycle reloads the effective order. */
export interface SecrecyOrderChangedEvent {
  changedAt: string;
}

/** The customer objected after notice; reviewers look again. */
export interface CustomerObjectionEvent {
  summary: string;
  categories?: DataCategory[];
}
