import type { DataCategory } from "../domain/enums";
import type { DateRange } from "../domain/demand";
import type { ReviewerPool } from "../staff/staff-identity";
import type { ReviewKind } from "./review-kind";

/** What may still be disclosed at the start of a round; narrowing in this round may only remove from it. */
export interface ReviewScope {
  categories: DataCategory[];
  /** Indexes into the demand's targets (the signed-in page shows their values; mails and cards never do). */
  targets: number[];
  dateRange: DateRange;
}

/** Where a review round stands, as the orchestration knows it. */
export interface ReviewRound {
  /** What the round decides; absent in rounds recorded before kinds were stored (then the link's kind). */
  kind?: ReviewKind;
  /** Who the round asks: primary reviewers, or once escalated the escalation pool as well (absent: primary). */
  pool?: ReviewerPool;
  open: boolean;
  /** Reviewers (lower-case emails) who already decided in this round. */
  decidedBy: string[];
  /** The scope under review; when absent, the demand's planned scope (allowed categories, all targets, its range). */
  scope?: ReviewScope;
  /** When the round escalates (ISO date-time), shown to the reviewer. */
  deadline?: string;
  /** The decisions already given in this round (a second reviewer sees what the first decided, and any narrowing). */
  decisions?: { reviewer: string; action: string; at: string; comment?: string }[];
  /** What the requester said that the reviewer weighs, e.g. its "cannot redirect" legal reason (redirect rounds). */
  requesterStatement?: string;
}

/** Looks up a demand's review round (the lead implements it over the orchestration's state or the demand record). */
export interface ReviewRoundState {
  /** The round, or null when the demand has no such round. */
  getRound(demandId: string, round: string): Promise<ReviewRound | null>;
}
