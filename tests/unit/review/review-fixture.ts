import { aPlan as aLifecyclePlan } from "../../support/lifecycle-demands";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import type { DemandPlan } from "../../../shared/domain/policy/policy-decision";
import { LifecycleEvent } from "../../../shared/domain/lifecycle/lifecycle-events";
import type { UsedTokenStore } from "../../../shared/ports/used-token-store";
import type { ReviewDecisionEvent } from "../../../shared/review/review-decision";
import type { ReviewKind } from "../../../shared/review/review-kind";
import type { ReviewRound, ReviewRoundState } from "../../../shared/review/review-round-state";
import { makeReviewTokens } from "../../../shared/review/review-token";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { AuditAppend, AuditEntry } from "../../../shared/audit/audit-entry";
import type { DataCategory } from "../../../shared/domain/enums";
import type { AppendOptions, AuditLog } from "../../../shared/ports/audit-log";
import type { CustomerDataItem, CustomerDataQuery, CustomerDataSource } from "../../../shared/ports/customer-data-source";
import { SESSION_COOKIE } from "../../../shared/staff/staff-request";
import { makeSealedCookies } from "../../../shared/staff/staff-session";
import { aDemandBody, aDemandRecord, anAccount, aRequester, aTenant, samplePdf } from "../../support/builders";
import { InMemoryCustomerDirectory, InMemoryDemandStore, InMemoryDocumentStore, InMemoryRequesterRegistry, RecordingLifecycle } from "../../support/fakes";
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

/** The lifecycle as the review tests see it: the decisions raised to it, or a failure when told to. */
export class RecordingDecisions extends RecordingLifecycle {
  failing = false;
  override async raise(demandId: string, name: string, payload: unknown): Promise<void> {
    if (this.failing) throw new Error("orchestration unavailable");
    await super.raise(demandId, name, payload);
  }
  /** The review decisions raised, in order. */
  get submitted(): { demandId: string; event: ReviewDecisionEvent }[] {
    return this.events.filter((e) => e.name === LifecycleEvent.reviewDecision).map((e) => ({ demandId: e.demandId, event: e.payload as ReviewDecisionEvent }));
  }
}

/** The primary reviewers, the escalation pool and an administrator of the review tests. */
export const STAFF = { primary: ["ana@compliance.example", "ben@compliance.example"], escalation: ["lead@compliance.example"], admins: ["admin@compliance.example"] };

/** An audit log in memory (no hash chain: the handlers only append). */
export class InMemoryAudit implements AuditLog {
  readonly entries: (AuditAppend & { demandId: string })[] = [];
  private readonly keyed = new Map<string, AuditEntry>();
  async append(demandId: string, input: AuditAppend, options: AppendOptions = {}): Promise<AuditEntry> {
    const seen = options.once === undefined ? undefined : this.keyed.get(`${demandId}\n${options.once}`);
    if (seen !== undefined) return seen;
    this.entries.push({ demandId, ...input });
    const entry = { ...input, id: String(this.entries.length), demandId, seq: this.entries.length, prevHash: "0".repeat(64), hash: "0".repeat(64) } as unknown as AuditEntry;
    if (options.once !== undefined) this.keyed.set(`${demandId}\n${options.once}`, entry);
    return entry;
  }
  async list(): Promise<AuditEntry[]> {
    return [];
  }
  async listEntryTimesBetween(): Promise<{ demandId: string; at: string }[]> {
    return [];
  }
  async firstEntryAt(): Promise<string | null> {
    return null;
  }
}

/** A data source listing fixed items (sizes and customer-held flags), never opening them. */
export class ListedItems implements CustomerDataSource {
  opened = 0;
  constructor(readonly items: { accountId: string; category: DataCategory; date: string; size: number; customerHeld?: boolean }[]) {}
  async *listItems(query: CustomerDataQuery): AsyncIterable<CustomerDataItem> {
    for (const [i, item] of this.items.entries()) {
      if (item.accountId !== query.accountId || item.category !== query.category || item.date < query.from || item.date > query.to) continue;
      yield {
        ...item,
        path: `item-${i}`,
        source: "test",
        open: () => {
          this.opened += 1;
          return Readable.from([]);
        },
      };
    }
  }
}

/** Everything the review handlers need, in memory, with one demand whose round "review-1" is open (primary pool). */
export async function aReviewWorld(record: DemandRecord = aReviewedDemand()) {
  const demands = new InMemoryDemandStore();
  const requesters = new InMemoryRequesterRegistry();
  const requester = aRequester({ id: record.requesterId, emergencyCallbackNumber: "+1 555 0100" });
  await requesters.create(requester);
  await demands.create(record);
  const rounds = new InMemoryRounds();
  rounds.set(record.id, "review-1", { kind: "approval", pool: "primary", open: true, decidedBy: [] });
  const directory = new InMemoryCustomerDirectory();
  const tenant = aTenant({ name: "Pat Consumer", dataCountry: "US" });
  await directory.upsertTenant(tenant);
  const [first, second] = record.body.targets;
  const accounts = [first, second].flatMap((t, i) => (t === undefined ? [] : [anAccount({ tenantId: tenant.id, identifierType: t.type, identifierValue: t.value, accountId: `acct-${i + 1}` })]));
  for (const account of accounts) await directory.upsertAccount(account);
  const documents = new InMemoryDocumentStore();
  await documents.put(record.document.blobName, samplePdf);
  const dataSource = new ListedItems([
    { accountId: "acct-1", category: "subscriber_info", date: "2026-03-01", size: 100 },
    { accountId: "acct-1", category: "content_mail", date: "2026-03-02", size: 2000 },
    { accountId: "acct-1", category: "content_mail", date: "2026-03-03", size: 3000, customerHeld: true },
    { accountId: "acct-2", category: "content_mail", date: "2026-03-04", size: 500 },
  ]);
  const staffCookies = makeSealedCookies(Buffer.alloc(32, 5), () => NOW);
  const deps = {
    reviewTokens: makeReviewTokens(TEST_KEY),
    usedTokens: new InMemoryUsedTokens(),
    demands,
    reviewRounds: rounds,
    lifecycle: new RecordingDecisions(),
    now: () => NOW,
    staff: STAFF,
    staffCookies,
    documents,
    audit: new InMemoryAudit(),
    directory,
    dataSource,
    requesters,
    publicBaseUrl: "http://localhost:7071",
    priorDemands: { forTargets: async () => ({ count: 2, outcomes: { rejected: 1, disclosed_content: 1 } }) },
  };
  const tokenFor = (options: { kind?: ReviewKind; round?: string; reviewer?: string; expiresAt?: Date; demandId?: string } = {}) =>
    deps.reviewTokens.issue({
      demandId: options.demandId ?? record.id,
      reviewer: options.reviewer ?? "ana@compliance.example",
      round: options.round ?? "review-1",
      kind: options.kind ?? "approval",
      issuedAt: new Date(NOW.getTime() - 60_000),
      expiresAt: options.expiresAt ?? new Date(NOW.getTime() + 3_600_000),
    });
  /** A signed-in session cookie for `email` (its CSRF token is csrfOf(email)), signed in as its own subject unless given. */
  const sessionFor = async (email: string, subject = `https://idp.example ${email}`) => ({
    cookie: `${SESSION_COOKIE}=${await staffCookies.seal(SESSION_COOKIE, { email, subject, csrf: csrfOf(email) }, 3600)}`,
    csrf: csrfOf(email),
  });
  return { record, deps, rounds, tokenFor, sessionFor, resolve: () => Promise.resolve(deps) };
}

/** The CSRF token the fixture puts in a person's session. */
export function csrfOf(email: string): string {
  return createHash("sha256").update(email).digest("base64url");
}

/** A GET of the mailed deep link. */
export function aReviewGet(token: string) {
  return aRequest({ method: "GET", url: `http://localhost:7071/api/review/${token}`, params: { token } });
}

/** A GET of a demand's review page, optionally signed in (the cookie) and for a round. */
export function aPageGet(demandId: string, cookie?: string, round = "review-1") {
  return aRequest({
    method: "GET",
    url: `http://localhost:7071/api/review/demands/${demandId}?round=${round}`,
    params: { id: demandId },
    headers: cookie === undefined ? {} : { cookie },
  });
}

/** A GET of a document of a demand's review page. */
export function aDocumentGet(demandId: string, document: string, cookie?: string, round = "review-1") {
  return aRequest({
    method: "GET",
    url: `http://localhost:7071/api/review/demands/${demandId}/documents/${document}?round=${round}`,
    params: { id: demandId, document },
    headers: cookie === undefined ? {} : { cookie },
  });
}

/** A POST of the review form of a demand (add csrf and cookie for a signed-in post). */
export function aReviewPost(demandId: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  return aRequest({
    method: "POST",
    url: `http://localhost:7071/api/review/demands/${demandId}`,
    params: { id: demandId },
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: form.toString(),
  });
}
