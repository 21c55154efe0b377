import { aPlan as aLifecyclePlan } from "../../support/lifecycle-demands";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import type { DemandPlan } from "../../../shared/domain/policy/policy-decision";
import type { DecisionSink } from "../../../shared/ports/decision-sink";
import type { UsedTokenStore } from "../../../shared/ports/used-token-store";
import type { ReviewDecisionEvent } from "../../../shared/review/review-decision";
import type { ReviewKind } from "../../../shared/review/review-kind";
import type { ReviewRound, ReviewRoundState } from "../../../shared/review/review-round-state";
import { makeReviewTokens } from "../../../shared/review/review-token";
import { aDemandBody, aDemandRecord } from "../../support/builders";
import { InMemoryDemandStore } from "../../support/fakes";
import { aRequest } from "../../support/http";

/** A fixed key for tests (a real one comes from Key Vault). */
export const TEST_KEY = Buffer.alloc(32, 7);

/** The clock every review test reads. */
export const NOW = new Date("2026-11-21T12:00:00.000Z");

/** Identifier values that must never appear on a page or in a message. */
export const SECRET_IDENTIFIERS = ["pat@outlook.example", "+15555550123", "acct-7781-secret"];

/** A plan: content allowed, two reviewers, prompt notice (three identifiers found). */
export function aPlan(overrides: Partial<DemandPlan> = {}): DemandPlan {
  return aLifecyclePlan({ targetsFound: 3, ...overrides });
}

/** A demand in review with three identifiers and a plan. */
export function aReviewedDemand(overrides: Partial<DemandRecord> = {}): DemandRecord {
  return aDemandRecord({
    status: "in_review",
    body: aDemandBody({
      targets: [
        { type: "email", value: SECRET_IDENTIFIERS[0]! },
        { type: "phone", value: SECRET_IDENTIFIERS[1]! },
        { type: "account_id", value: SECRET_IDENTIFIERS[2]! },
      ],
    }),
    plan: aPlan(),
    ...overrides,
  });
}

/** Used tokens in memory. */
export class InMemoryUsedTokens implements UsedTokenStore {
  readonly used = new Set<string>();
  async markUsed(jti: string): Promise<boolean> {
    if (this.used.has(jti)) return false;
    this.used.add(jti);
    return true;
  }
  async isUsed(jti: string): Promise<boolean> {
    return this.used.has(jti);
  }
  async release(jti: string): Promise<void> {
    this.used.delete(jti);
  }
}

/** Rounds in memory, keyed by "demandId/round". */
export class InMemoryRounds implements ReviewRoundState {
  readonly rounds = new Map<string, ReviewRound>();
  set(demandId: string, round: string, state: ReviewRound): void {
    this.rounds.set(`${demandId}/${round}`, state);
  }
  async getRound(demandId: string, round: string): Promise<ReviewRound | null> {
    return this.rounds.get(`${demandId}/${round}`) ?? null;
  }
}

/** A sink that records what it was given, or fails when told to. */
export class RecordingSink implements DecisionSink {
  readonly submitted: { demandId: string; event: ReviewDecisionEvent }[] = [];
  failing = false;
  async submit(demandId: string, event: ReviewDecisionEvent): Promise<void> {
    if (this.failing) throw new Error("orchestration unavailable");
    this.submitted.push({ demandId, event });
  }
}

/** Everything the review handlers need, in memory, with one demand whose round "review-1" is open. */
export async function aReviewWorld(record: DemandRecord = aReviewedDemand()) {
  const demands = new InMemoryDemandStore();
  await demands.create(record);
  const rounds = new InMemoryRounds();
  rounds.set(record.id, "review-1", { open: true, decidedBy: [] });
  const deps = {
    reviewTokens: makeReviewTokens(TEST_KEY),
    usedTokens: new InMemoryUsedTokens(),
    demands,
    reviewRounds: rounds,
    decisionSink: new RecordingSink(),
    now: () => NOW,
  };
  const tokenFor = (options: { kind?: ReviewKind; round?: string; reviewer?: string; expiresAt?: Date; demandId?: string } = {}) =>
    deps.reviewTokens.issue({
      demandId: options.demandId ?? record.id,
      reviewer: options.reviewer ?? "alex@compliance.example",
      round: options.round ?? "review-1",
      kind: options.kind ?? "approval",
      issuedAt: new Date(NOW.getTime() - 60_000),
      expiresAt: options.expiresAt ?? new Date(NOW.getTime() + 3_600_000),
    });
  return { record, deps, rounds, tokenFor, resolve: () => Promise.resolve(deps) };
}

/** A GET of the review page. */
export function aReviewGet(token: string) {
  return aRequest({ method: "GET", url: `http://localhost:7071/api/review/${token}`, params: { token } });
}

/** A POST of the review form. */
export function aReviewPost(token: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  return aRequest({
    method: "POST",
    url: `http://localhost:7071/api/review/${token}`,
    params: { token },
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: form.toString(),
  });
}
