import type { DataCategory } from "../enums";
import type { Narrowing } from "./scope";

/** External event names the lifecycle waits for. */
export const LifecycleEvent = {
  reviewDecision: "ReviewDecision",
  requesterAction: "RequesterAction",
  secrecyOrderChanged: "SecrecyOrderChanged",
  customerObjection: "CustomerObjection",
} as const;

/** A reviewer's decision, raised by the review page's POST. */
export interface ReviewDecisionEvent {
  round: string;
  kind: "approval" | "redirect" | "secrecy_expiry";
  reviewer: string;
  action: "approve" | "reject" | "narrow" | "challenge" | "withhold_notice" | "accept_reason" | "refuse_reason" | "notify" | "withhold";
  comment?: string | undefined;
  narrowing?: Narrowing | undefined;
  withholdReason?: { kind: "danger" | "counterproductive"; explanation: string } | undefined;
  decidedAt: string;
}

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
