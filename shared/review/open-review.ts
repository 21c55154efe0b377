import type { DemandRecord } from "../domain/demand-record";
import type { DemandStore } from "../ports/demand-store";
import type { UsedTokenStore } from "../ports/used-token-store";
import type { ReviewRound, ReviewRoundState, ReviewScope } from "./review-round-state";
import type { ReviewTokenClaims, ReviewTokens } from "./review-token";

/** What resolving a review link reads. */
export interface OpenReviewDeps {
  reviewTokens: Pick<ReviewTokens, "verify">;
  usedTokens: UsedTokenStore;
  demands: DemandStore;
  reviewRounds: ReviewRoundState;
}

/** Why a review link cannot be acted on, with the page to show. */
export interface ReviewRefusal {
  status: 400 | 403 | 404 | 409 | 410;
  title: string;
  message: string;
}

/** A review link that may be acted on, with what the page needs. */
export interface OpenReview {
  claims: ReviewTokenClaims;
  record: DemandRecord;
  round: ReviewRound;
  scope: ReviewScope;
}

const REFUSALS = {
  malformed: { status: 400, title: "This review link is incomplete", message: "The link is damaged or was cut short. Open it again from the message you received, copying the whole address." },
  forged: { status: 403, title: "This review link is not valid", message: "The link was not issued by this service, or it was altered." },
  expired: { status: 410, title: "This review link has expired", message: "Ask the compliance team for a new link if the review is still open." },
  used: { status: 410, title: "This review link has already been used", message: "A decision was already recorded with it; each link decides once." },
  notFound: { status: 404, title: "Demand not found", message: "The demand this link refers to does not exist." },
  closed: { status: 410, title: "This review round is closed", message: "The demand is no longer waiting for this decision (it was decided, escalated or withdrawn)." },
  alreadyDecided: {
    status: 409,
    title: "You have already decided in this round",
    message: "This round needs a decision from a different reviewer; your earlier decision stands.",
  },
} as const satisfies Record<string, ReviewRefusal>;

/** Checks a review link without changing anything: genuine, unexpired, unused, its round open, its reviewer not yet heard. */
export async function openReview(deps: OpenReviewDeps, token: string, now: Date): Promise<{ ok: true; review: OpenReview } | { ok: false; refusal: ReviewRefusal }> {
  const verified = deps.reviewTokens.verify(token, now);
  if (!verified.ok) return { ok: false, refusal: REFUSALS[verified.failure] };
  const { claims } = verified;
  if (await deps.usedTokens.isUsed(claims.jti)) return { ok: false, refusal: REFUSALS.used };
  const demand = await deps.demands.get(claims.demandId);
  if (demand === null) return { ok: false, refusal: REFUSALS.notFound };
  const round = await deps.reviewRounds.getRound(claims.demandId, claims.round);
  if (round === null || !round.open) return { ok: false, refusal: REFUSALS.closed };
  if (round.decidedBy.some((r) => r.toLowerCase() === claims.reviewer)) return { ok: false, refusal: REFUSALS.alreadyDecided };
  return { ok: true, review: { claims, record: demand.record, round, scope: round.scope ?? plannedScope(demand.record) } };
}

/** The refusal shown when a token was spent between the page check and the decision. */
export const USED_REFUSAL: ReviewRefusal = REFUSALS.used;

/** The scope a demand was planned with: its allowed categories, all its targets, its range. */
export function plannedScope(record: DemandRecord): ReviewScope {
  return {
    categories: record.plan?.allowedCategories ?? record.body.categories,
    targets: record.body.targets.map((_, index) => index),
    dateRange: record.body.dateRange,
  };
}
