import type { DataCategory, DemandStatus, Outcome } from "../enums";
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
        pool?: "primary" | "escalation";
        open: boolean;
        decidedBy: string[];
        deadline?: string;
        scope?: { categories: DataCategory[]; targets: number[]; dateRange: { from: string; to: string } };
      }
    | undefined;
}

/** Read the demand as of the orchestration's time (the host's clock may run ahead of the wall clock). */
export interface LoadDemandInput {
  demandId: string;
  at: string;
}

/** The kinds of review round. */
export type ReviewKind = "approval" | "redirect" | "secrecy_expiry" | "secrecy_confirmation";

/** Messages to the requester. */
export type RequesterMessage = "redirect" | "redirect_reason_refused" | "rejected" | "narrowed" | "closed";

/** Tell the requester something, once per effect key. */
export interface NotifyRequesterInput {
  demandId: string;
  message: RequesterMessage;
  effectKey: string;
  outcome?: Outcome | undefined;
  /** For a redirect: when the demand closes as redirected without an answer. */
  answerBy?: string | undefined;
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
  note?: string | undefined;
}

/** Send the customer notice (R5), prompt or delayed, once per effect key. */
export interface CustomerNoticeInput {
  demandId: string;
  delayed: boolean;
  scope: DisclosureScope;
  effectKey: string;
}

/** Collect, seal and deliver exactly the approved scope (R6), once per effect key. */
export interface DiscloseInput {
  demandId: string;
  scope: DisclosureScope;
  effectKey: string;
}

/** What was delivered. */
export interface DisclosureResult {
  itemCount: number;
  contentDisclosed: boolean;
  nonContentDisclosed: boolean;
}

/** Close the demand with its outcome, once per effect key. */
export interface CloseDemandInput {
  demandId: string;
  outcome: Outcome;
  at: string;
  effectKey: string;
}
