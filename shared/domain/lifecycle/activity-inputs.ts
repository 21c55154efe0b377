import type { DataCategory, DemandStatus, Outcome, RejectionReason } from "../enums";
import type { ObjectionWindowGate } from "./objection-gate";
import type { DisclosureScope } from "./scope";

/** A step for the demand's timeline and audit log, at the orchestration's time. */
export interface RecordStepInput {
  demandId: string;
  /** Deterministic per step (from the orchestration), so a retry records it once. */
  stepId: string;
  at: string;
  step: string;
  detail?: string | undefined;
  status?: DemandStatus | undefined;
  actor?: string | undefined;
  /** The state of a review round, for the review pages. */
  reviewRound?:
    | {
        round: string;
        kind: ReviewKind;
        /** Who the round asks (absent: primary); request-review records "escalation" before asking that pool. */
        pool?: "primary" | "escalation" | undefined;
        open: boolean;
        decidedBy: string[];
        deadline?: string | undefined;
        scope?: { categories: DataCategory[]; targets: number[]; dateRange: { from: string; to: string } } | undefined;
        decisions?: { reviewer: string; action: string; at: string; comment?: string | undefined }[] | undefined;
      }
    | undefined;
  /** The scope as approved, kept on the demand: what the requester is told and what is collected (R6). */
  approvedScope?: DisclosureScope | undefined;
  /** A reviewer's ruling on a secrecy order filed after intake (R5). */
  secrecyRuling?: { index: number; ruling: "confirmed" | "refused"; by: string } | undefined;
}

/** The kinds of review round. */
export type ReviewKind = "approval" | "redirect" | "secrecy_expiry" | "secrecy_confirmation";

/** Messages to the requester. */
export type RequesterMessage = "redirect" | "redirect_reason_refused" | "rejected" | "closed";

/** Tell the requester something, once per effect key. */
export interface NotifyRequesterInput {
  demandId: string;
  message: RequesterMessage;
  effectKey: string;
  outcome?: Outcome | undefined;
  /** For a redirect: when the demand closes as redirected without an answer. */
  answerBy?: string | undefined;
  /** R3: a reviewer's reason from the closed list, and the reviewer's note, for a rejection or challenge. */
  reason?: RejectionReason | undefined;
  note?: string | undefined;
}

/** Ask reviewers of a pool to decide a round, once per effect key. */
export interface RequestReviewInput {
  demandId: string;
  round: string;
  kind: ReviewKind | "secrecy_review_due";
  pool: "primary" | "escalation";
  notice: "initial" | "reminder" | "escalation";
  deadline: string;
  effectKey: string;
}

/** Send the customer notice (R5), prompt or delayed, once per effect key. */
export interface CustomerNoticeInput {
  demandId: string;
  delayed: boolean;
  scope: DisclosureScope;
  effectKey: string;
  /** When the objection window this prompt notice opens ends (R5), to be told to the customer. */
  objectionEndsAt?: string;
  /** Set on the notice of an approval that follows the notice sent with the redirect (R4, R5). */
  followsRedirect?: boolean;
}

/** Collect, seal and deliver exactly the approved scope (R6), once per effect key. */
export interface DiscloseInput {
  demandId: string;
  scope: DisclosureScope;
  effectKey: string;
  /** The objection window this disclosure follows, if any: the data is not collected while an objection accepted in it is unheard (R5). */
  objectionWindow?: ObjectionWindowGate | undefined;
}

/** What was delivered. */
export interface DisclosureResult {
  itemCount: number;
  contentDisclosed: boolean;
  nonContentDisclosed: boolean;
  /** Objections the API accepted within the window that the lifecycle had not heard: nothing was collected (R5). */
  objectionsPending?: number[] | undefined;
  /** A withdrawal the API accepted within the window had not reached the lifecycle: nothing was collected (R1). */
  withdrawalPending?: boolean | undefined;
}

