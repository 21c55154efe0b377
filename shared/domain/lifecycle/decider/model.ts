import type { DataCategory, Outcome, RejectionReason } from "../../enums";
import type { DemandPlan } from "../../policy/policy-decision";
import type { Target } from "../../demand";
import type { DisclosureResult, RequesterMessage, ReviewKind } from "../activity-inputs";
import type { LifecycleSettings } from "../lifecycle-settings";
import type { ObjectionWindowGate } from "../objection-gate";
import type { DisclosureScope, Narrowing } from "../scope";
import type { RoundTimes } from "./round-schedule";

/** A secrecy order as the lifecycle sees it: in force from intake, or only once a reviewer confirmed it (R5, R9). */
export interface SecrecyEntryView {
  /** Position in the demand's list of orders (stable: orders are only appended). */
  index: number;
  reference: string;
  /** The order's last day in force (UTC date); absent for an open-ended order. */
  expiresOn?: string | undefined;
  lifted: boolean;
  /** Filed with the demand itself, and so judged at intake. */
  atIntake: boolean;
  /** A reviewer's ruling on an order filed after intake. */
  ruling?: "confirmed" | "refused" | undefined;
}

/** What the lifecycle needs of a demand, read once at start (and the orders again when they change). */
export interface DemandFacts {
  id: string;
  rejected: boolean;
  closed: boolean;
  plan: DemandPlan | null;
  /** The scope the order asks for (categories the policy allows, every identifier, the range). */
  scope: DisclosureScope;
  secrecyOrders: SecrecyEntryView[];
  /** When the demand was received (ISO); absent in facts loaded before it was kept. */
  receivedAt?: string | undefined;
  /** R4: when the API recorded the requester's 'cannot redirect' answer on the demand (ISO), if it did and kept the time. */
  redirectAnsweredAt?: string | undefined;
  /** R9: decisions reviewers made in secrecy-expiry and confirmation rounds, as the review page recorded them before raising. */
  secrecyDecisions?: RecordedDecision[] | undefined;
}

/** A reviewer's decision as recorded on the demand before it was raised, with when it was made. */
export type RecordedDecision = ReviewerDecision & { decidedAt: string };

/** A reviewer's decision as the lifecycle reads it (the review pages validate the full schema before raising it). */
export interface ReviewerDecision {
  round: string;
  kind: string;
  /** The signed-in reviewer's identity. */
  reviewer: string;
  action: string;
  comment?: string | undefined;
  narrowing?: Narrowing | undefined;
  withholdReason?: "danger" | "counterproductive" | undefined;
  /** R3: the reason from the closed list, for a rejection or challenge. */
  reason?: RejectionReason | undefined;
  /** R10: how an emergency request was verified out of band. */
  verification?: string | undefined;
}

/** Everything that can happen to a demand's lifecycle; `at` is the orchestration's clock (ISO). */
export type DeciderEvent =
  | { type: "started"; at: string; demand: DemandFacts }
  | { type: "review_decision"; at: string; decision: ReviewerDecision }
  | { type: "withdrawn"; at: string }
  /** `answeredAt`: when the API accepted the answer (absent in events raised before it was sent). */
  | { type: "cannot_redirect"; at: string; answeredAt?: string | undefined }
  | { type: "secrecy_orders_changed"; at: string; orders: SecrecyEntryView[] }
  /** `index`: the objection's position on the demand (absent in events raised before it was sent). */
  | { type: "customer_objection"; at: string; index?: number | undefined }
  | { type: "tick"; at: string }
  /** R4: the demand as read after the redirect deadline closed the answer API: when it recorded an answer, if it did. */
  | { type: "redirect_answer_read"; at: string; answeredAt?: string | undefined }
  /** R9: the demand as read at a secrecy order's end, once the expiry and confirmation rounds were closed to decisions. */
  | { type: "secrecy_decisions_read"; at: string; decisions: RecordedDecision[] }
  | { type: "disclosed"; at: string; result: DisclosureResult }
  | { type: "effects_failed"; at: string; code: string; commands: Command[] }
  /** `parking`: the id of the needs_operator step the resume is for (absent in events raised before it was sent). */
  | { type: "operator_resumed"; at: string; operator: string; parking?: string | undefined };

/** The state of a review round in the review pages' shape. */
export interface RoundRecord {
  round: string;
  kind: ReviewKind;
  open: boolean;
  decidedBy: string[];
  pool?: "primary" | "escalation" | undefined;
  deadline?: string | undefined;
  scope?: { categories: DataCategory[]; targets: number[]; dateRange: { from: string; to: string } } | undefined;
  /** The decisions given so far in the round, so a later reviewer sees what an earlier one decided (four eyes). */
  decisions?: RoundDecisionRecord[] | undefined;
}

/** One reviewer's decision in a round, as the review pages show it to the round's other reviewers. */
export interface RoundDecisionRecord {
  reviewer: string;
  action: string;
  at: string;
  comment?: string | undefined;
}

/** One unit of I/O the interpreter runs as an activity effect; keys make each effect happen once. */
export type Command =
  | {
      type: "record";
      stepId: string;
      step: string;
      detail?: string | undefined;
      status?: RecordStatus | undefined;
      actor?: string | undefined;
      reviewRound?: RoundRecord | undefined;
      approvedScope?: DisclosureScope | undefined;
      secrecyRuling?: { index: number; ruling: "confirmed" | "refused"; by: string } | undefined;
    }
  | {
      type: "notify_requester";
      key: string;
      message: RequesterMessage;
      outcome?: Outcome | undefined;
      answerBy?: string | undefined;
      reason?: RejectionReason | undefined;
      note?: string | undefined;
    }
  | {
      type: "request_review";
      key: string;
      round: string;
      kind: ReviewKind | "secrecy_review_due";
      pool: "primary" | "escalation";
      notice: "initial" | "reminder" | "escalation";
      deadline: string;
    }
  | { type: "send_customer_notice"; key: string; delayed: boolean; scope: DisclosureScope; objectionEndsAt?: string; followsRedirect?: boolean }
  | { type: "disclose"; key: string; scope: DisclosureScope; objectionWindow?: ObjectionWindowGate | undefined }
  /** R4: read the demand for a 'cannot redirect' answer, after a status write has closed the answer API (its own activity). */
  | { type: "read_redirect_answer" }
  /** R9: read the demand for decisions recorded in `round` (the expiry round) and open confirmations (its own activity). */
  | { type: "read_secrecy_decisions"; round: string }
  | { type: "conclude"; key: string; outcome: Outcome }
  | { type: "close"; key: string; outcome: Outcome }
  | { type: "schedule_wake"; at: string | null }
  | { type: "alert_operator"; key: string; code: string };

/** The alert_operator code for an emergency whose escalated review deadline passed undecided (R10): nothing failed, a person must act. */
export const EMERGENCY_UNDECIDED = "emergency-undecided";

/** Statuses the lifecycle moves a demand through. */
export type RecordStatus =
  | "awaiting_redirect"
  | "in_review"
  | "awaiting_notice_window"
  | "collecting"
  | "delivered"
  | "awaiting_secrecy_expiry"
  | "needs_operator"
  | "rejected";

/** An open review round of the approval or redirect kind. */
export interface OpenRound {
  name: string;
  kind: "approval" | "redirect";
  required: number;
  approvals: string[];
  decidedBy: string[];
  pool: "primary" | "escalation";
  deadlineAt: number;
  reminderAt: number | null;
  reminders: number;
  /** R10: operators were told this emergency round passed its escalated deadline undecided. */
  overdueAlerted?: boolean;
  withheld: "danger" | "counterproductive" | null;
  /** The decisions given so far (absent in rounds opened before they were kept). */
  decisions?: RoundDecisionRecord[];
}

/** Where the lifecycle is. */
/** `concluded`: the outcome is final and counted; a delayed notice may still be owed. */
export type Phase = "new" | "redirect" | "review" | "objection" | "disclosing" | "concluded" | "done";

/** The state of the customer's notice (R5, R9). */
export interface NoticeState {
  /** The prompt notice: sent once, or withheld by a reviewer with a reason, or owed to nobody (de-linked). */
  prompt: "not_sent" | "sent" | "withheld" | "nobody";
  /** The delayed notice after a secrecy order: owed, sent, or withheld by a reviewer at expiry. */
  delayed: "not_owed" | "owed" | "sent" | "withheld";
}

/** The lifecycle's whole state; pure data, rebuilt deterministically on replay. */
export interface LifecycleState {
  demandId: string;
  /** The lifecycle version its instance started under (LIFECYCLE_VERSION): a rule changed later keeps its old branch for older versions. */
  version: number;
  settings: LifecycleSettings;
  phase: Phase;
  facts: DemandFacts | null;
  /** The scope as approved so far (only ever narrowed). */
  scope: DisclosureScope;
  round: OpenRound | null;
  roundSeq: number;
  stepSeq: number;
  redirectAnswerBy: number | null;
  /** R4: the redirect deadline that passed while the demand is read for an answer recorded before it (absent in older states). */
  redirectClosing?: number | null;
  /** R4: the 'cannot redirect' answer was taken from the demand, so its event, arriving later, is not heard twice. */
  redirectAnswerRead?: boolean;
  /** Confirmation rounds open for orders filed after intake, by order index. */
  confirmations: number[];
  /** Each open confirmation round's reminders and escalation, by order index. */
  confirmationTimes: Record<string, RoundTimes>;
  secrecyOrders: SecrecyEntryView[];
  notice: NoticeState;
  objectionEndsAt: number | null;
  /** Positions on the demand of the customer objections applied (absent in states from before it was kept). */
  objectionsHeard?: number[];
  /** The expiry round: reviewers are asked ahead of a secrecy order's end (R9). */
  /** `reading`/`read`: the decisions recorded on the demand before the end are being / have been read (R9, version 3). */
  expiry: { round: string; endsAt: number; decision: "notify" | "withhold" | null; reading?: boolean; read?: boolean } | null;
  /** R9: decisions taken from the demand at an order's end (round and reviewer), so their events are not heard twice. */
  decisionsRead?: string[];
  nextSecrecyReviewAt: number | null;
  secrecyReviews: number;
  released: boolean;
  disclosure: DisclosureResult | null;
  outcome: Outcome | null;
  closed: boolean;
  /** `since`: when it was parked; `stepId`: its needs_operator step, which a resume names (each absent in older states). */
  parked: { code: string; commands: Command[]; deferred: DeciderEvent[]; wakeCleared?: boolean; since?: number; stepId?: string } | null;
  wakeAt: number | null;
  /** R4: a redirected demand that also names consumer accounts (absent: not such a demand, or started before it was kept). */
  split?: SplitState | undefined;
}

/**
 * R4: a demand naming enterprise and consumer accounts. The consumer identifiers (the scope) are reviewed at once; the
 * enterprise ones are held by the redirect and join the review only if the requester's 'cannot redirect' reason is
 * accepted. The demand is released once, so the requester's answer is taken until that release or the redirect deadline.
 */
export interface SplitState {
  /** The enterprise identifiers the redirect holds back. */
  held: Target[];
  /** Awaiting the requester's answer; its reason under review; accepted (they joined the scope); redirected for good. */
  part: "awaiting" | "answered" | "rejoined" | "redirected";
}
