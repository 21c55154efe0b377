import { createHash } from "node:crypto";
import type { DemandRecord } from "../domain/demand-record";
import type { DemandStore } from "../ports/demand-store";
import type { UsedTokenStore } from "../ports/used-token-store";
import { mayDecide, type ReviewerPool, type StaffDirectory } from "../staff/staff-identity";
import type { ReviewKind } from "./review-kind";
import type { ReviewRound, ReviewRoundState, ReviewScope } from "./review-round-state";
import type { ReviewTokens } from "./review-token";

/** What opening a demand's review for a signed-in person reads. */
export interface OpenReviewDeps {
  demands: DemandStore;
  reviewRounds: ReviewRoundState;
  /** Decisions already raised, by decisionKey (the single-use store, keyed by demand, round and reviewer). */
  usedTokens: UsedTokenStore;
  staff: StaffDirectory;
}

/** Why a review cannot be acted on, with the page to show. */
export interface ReviewRefusal {
  status: 400 | 401 | 403 | 404 | 409 | 410;
  title: string;
  message: string;
}

/** A round the signed-in reviewer may decide, with what the page needs. */
export interface OpenReview {
  record: DemandRecord;
  /** The round's name, e.g. "review-1". */
  roundName: string;
  kind: ReviewKind;
  pool: ReviewerPool;
  round: ReviewRound;
  scope: ReviewScope;
  /** The signed-in reviewer (verified email, lower-case): decisions are recorded under it. */
  reviewer: string;
}

/** The refusals a review page shows; none of them shows any evidence. */
export const REFUSALS = {
  malformed: { status: 400, title: "This review link is incomplete", message: "The link is damaged or was cut short. Open it again from the message you received, copying the whole address." },
  forged: { status: 403, title: "This review link is not valid", message: "The link was not issued by this service, or it was altered." },
  expired: { status: 410, title: "This review link has expired", message: "Open the demand's review page from the compliance team's channel if the review is still open." },
  notFound: { status: 404, title: "Demand not found", message: "There is no demand with this id." },
  closed: { status: 410, title: "This review round is closed", message: "The demand is no longer waiting for this decision (it was decided, escalated or withdrawn)." },
  notAsked: {
    status: 403,
    title: "This round does not ask you",
    message: "You are signed in, but you are not among the reviewers this round asks, so the demand's evidence is not shown and you cannot decide.",
  },
  alreadyDecided: {
    status: 409,
    title: "You have already decided in this round",
    message: "This round needs a decision from a different reviewer; your earlier decision stands.",
  },
  unsigned: { status: 401, title: "Sign in to decide", message: "Your staff sign-in is missing or has expired. Open the review page again and sign in." },
} as const satisfies Record<string, ReviewRefusal>;

type Opened = { ok: true; review: OpenReview } | { ok: false; refusal: ReviewRefusal };

/**
 * Opens a demand's review round for a signed-in person, changing nothing: the demand exists, the round (the named one,
 * or else the newest open round) is open, the person is in the pool the round asks (R8) and has not yet decided in it,
 * neither under this email nor under another one their sign-in subject (issuer + sub) carried before.
 */
export async function openDemandReview(deps: OpenReviewDeps, demandId: string, roundName: string | null, reviewer: string, subject: string): Promise<Opened> {
  const demand = await deps.demands.get(demandId);
  if (demand === null) return { ok: false, refusal: REFUSALS.notFound };
  const name = roundName ?? newestOpenRound(demand.record, deps.staff, reviewer);
  if (name === null) return { ok: false, refusal: REFUSALS.closed };
  const round = await deps.reviewRounds.getRound(demandId, name);
  if (round === null || !round.open) return { ok: false, refusal: REFUSALS.closed };
  const stored = demand.record.reviewRounds.find((r) => r.round === name);
  const kind = round.kind ?? stored?.kind;
  if (kind === undefined) return { ok: false, refusal: REFUSALS.closed };
  const pool = round.pool ?? "primary";
  if (!mayDecide(deps.staff, reviewer, pool)) return { ok: false, refusal: REFUSALS.notAsked };
  if (
    round.decidedBy.some((r) => r.toLowerCase() === reviewer) ||
    (await deps.usedTokens.isUsed(decisionKey(demandId, name, reviewer))) ||
    ((await deps.usedTokens.isUsed(subjectDecisionKey(demandId, name, subject))) && !(await deps.usedTokens.isUsed(subjectEmailKey(demandId, name, subject, reviewer))))
  ) {
    return { ok: false, refusal: REFUSALS.alreadyDecided };
  }
  return { ok: true, review: { record: demand.record, roundName: name, kind, pool, round, scope: round.scope ?? plannedScope(demand.record), reviewer } };
}

/** The newest open round the person may decide in, else the newest open round, else null. */
function newestOpenRound(record: DemandRecord, staff: StaffDirectory, reviewer: string): string | null {
  const open = record.reviewRounds.filter((r) => r.open).reverse();
  return (open.find((r) => mayDecide(staff, reviewer, r.pool ?? "primary")) ?? open[0])?.round ?? null;
}

/** The record of one reviewer's decision in one round, in the single-use store (an id Cosmos accepts). */
export function decisionKey(demandId: string, round: string, reviewer: string): string {
  return `decision-${createHash("sha256").update(`${demandId}\n${round}\n${reviewer.toLowerCase()}`).digest("hex")}`;
}

/** The record of one sign-in subject's decision in one round (case kept: subjects are case-sensitive). */
export function subjectDecisionKey(demandId: string, round: string, subject: string): string {
  return `decision-subject-${createHash("sha256").update(`${demandId}\n${round}\n${subject}`).digest("hex")}`;
}

/** The record that a subject decided in a round under this email (so its own retry is told apart from another email). */
export function subjectEmailKey(demandId: string, round: string, subject: string, email: string): string {
  return `decision-subject-email-${createHash("sha256").update(`${demandId}\n${round}\n${subject}\n${email.toLowerCase()}`).digest("hex")}`;
}

/**
 * Claims a round for one sign-in subject before its decision is raised (R8): false when the subject already decided,
 * or is deciding at this moment, under another email. The same email's retry after a crash finds its own claim.
 */
export async function claimSubjectDecision(usedTokens: UsedTokenStore, demandId: string, round: string, subject: string, email: string): Promise<boolean> {
  const firstUnderThisEmail = await usedTokens.markUsed(subjectEmailKey(demandId, round, subject, email));
  const firstForSubject = await usedTokens.markUsed(subjectDecisionKey(demandId, round, subject));
  return firstForSubject || !firstUnderThisEmail;
}

/** Resolves a mailed deep link: the demand and round its token names (a token decides nothing by itself). */
export function resolveReviewLink(tokens: Pick<ReviewTokens, "verify">, token: string, now: Date): { ok: true; demandId: string; round: string } | { ok: false; refusal: ReviewRefusal } {
  const verified = tokens.verify(token, now);
  if (!verified.ok) return { ok: false, refusal: REFUSALS[verified.failure] };
  return { ok: true, demandId: verified.claims.demandId, round: verified.claims.round };
}

/** The scope a demand was planned with: its allowed categories, all its targets, its range. */
export function plannedScope(record: DemandRecord): ReviewScope {
  return {
    categories: record.plan?.allowedCategories ?? record.body.categories,
    targets: record.body.targets.map((_, index) => index),
    dateRange: record.body.dateRange,
  };
}
