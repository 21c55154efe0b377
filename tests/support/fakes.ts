import type { Target } from "../../shared/domain/demand";
import type { DemandRecord } from "../../shared/domain/demand-record";
import type { VettedRequester } from "../../shared/domain/requester";
import { identifierKey, type AccountMapping, type Tenant } from "../../shared/domain/tenant";
import { DirectoryConflictError, type CustomerDirectoryAdmin, type StoredTenant, type WriteCondition } from "../../shared/ports/customer-directory";
import type { DemandStore, VersionedDemand } from "../../shared/ports/demand-store";
import type { DocumentStore } from "../../shared/ports/document-store";
import type { RequesterRegistry, VersionedRequester } from "../../shared/ports/requester-registry";
import type { LifecycleControl } from "../../shared/ports/lifecycle-control";
import type { EffectLedger } from "../../shared/ports/effect-ledger";

/** Demands in memory, with etags like Cosmos DB's. */
export class InMemoryDemandStore implements DemandStore {
  readonly items = new Map<string, VersionedDemand>();
  private version = 0;

  async create(record: DemandRecord): Promise<boolean> {
    if (this.items.has(record.id)) return false;
    this.items.set(record.id, { record: structuredClone(record), etag: String(++this.version) });
    return true;
  }

  async get(id: string): Promise<VersionedDemand | null> {
    const found = this.items.get(id);
    return found === undefined ? null : structuredClone(found);
  }

  async replace(record: DemandRecord, etag: string): Promise<string | null> {
    if (this.items.get(record.id)?.etag !== etag) return null;
    const next = String(++this.version);
    this.items.set(record.id, { record: structuredClone(record), etag: next });
    return next;
  }

  async listDue(now: string, limit: number): Promise<{ id: string; wakeAt: string }[]> {
    return [...this.items.values()]
      .flatMap(({ record }) => (record.wakeAt !== undefined && record.wakeAt <= now && record.status !== "closed" ? [{ id: record.id, wakeAt: record.wakeAt }] : []))
      .sort((a, b) => a.wakeAt.localeCompare(b.wakeAt))
      .slice(0, limit);
  }

  async countPending(from: string, toExclusive: string): Promise<number> {
    return [...this.items.values()].filter(({ record }) => record.receivedAt >= from && record.receivedAt < toExclusive && record.outcome === undefined && record.body.legalProcess.kind !== "national_security").length;
  }

  async listNeedingOperator(limit: number): Promise<string[]> {
    return [...this.items.values()].filter(({ record }) => record.status === "needs_operator").map(({ record }) => record.id).slice(0, limit);
  }

  async listUnstarted(receivedBefore: string, limit: number): Promise<string[]> {
    return [...this.items.values()]
      .filter(({ record }) => (record.status === "received" || record.status === "rejected") && record.receivedAt < receivedBefore)
      .sort((a, b) => a.record.receivedAt.localeCompare(b.record.receivedAt))
      .map(({ record }) => record.id)
      .slice(0, limit);
  }
}

/** Documents in memory. */
export class InMemoryDocumentStore implements DocumentStore {
  readonly items = new Map<string, Buffer>();

  async put(name: string, bytes: Buffer): Promise<void> {
    this.items.set(name, Buffer.from(bytes));
  }

  async get(name: string): Promise<Buffer | null> {
    return this.items.get(name) ?? null;
  }

  async remove(name: string): Promise<void> {
    this.items.delete(name);
  }
}

/** Requesters in memory, each with a version that every replace checks and bumps (like an ETag). */
export class InMemoryRequesterRegistry implements RequesterRegistry {
  readonly items = new Map<string, VettedRequester>();
  private readonly versions = new Map<string, number>();

  async create(requester: VettedRequester): Promise<void> {
    if (this.items.has(requester.id)) throw new Error("conflict");
    this.items.set(requester.id, structuredClone(requester));
    this.versions.set(requester.id, 0);
  }

  async get(id: string): Promise<VettedRequester | null> {
    return (await this.read(id))?.requester ?? null;
  }

  async read(id: string): Promise<VersionedRequester | null> {
    const found = this.items.get(id);
    return found === undefined ? null : { requester: structuredClone(found), etag: String(this.versions.get(id) ?? 0) };
  }

  async replace(requester: VettedRequester, etag: string): Promise<boolean> {
    if (!this.items.has(requester.id) || String(this.versions.get(requester.id) ?? 0) !== etag) return false;
    this.items.set(requester.id, structuredClone(requester));
    this.versions.set(requester.id, (this.versions.get(requester.id) ?? 0) + 1);
    return true;
  }
}

/** A customer directory in memory. */
export class InMemoryCustomerDirectory implements CustomerDirectoryAdmin {
  readonly tenants = new Map<string, Tenant>();
  readonly accounts = new Map<string, AccountMapping>();
  private readonly versions = new Map<string, number>();

  async findAccounts(targets: readonly Target[]): Promise<(AccountMapping | null)[]> {
    return targets.map((t) => this.accounts.get(identifierKey(t.type, t.value)) ?? null);
  }

  async getTenants(ids: readonly string[]): Promise<Map<string, Tenant>> {
    return new Map(ids.flatMap((id) => (this.tenants.has(id) ? [[id, this.tenants.get(id)!] as const] : [])));
  }

  async upsertTenant(tenant: Tenant): Promise<void> {
    this.tenants.set(tenant.id, tenant);
    this.versions.set(tenant.id, (this.versions.get(tenant.id) ?? 0) + 1);
  }

  async upsertAccount(account: AccountMapping): Promise<void> {
    this.accounts.set(account.id, account);
  }

  async getStoredTenant(id: string): Promise<StoredTenant | null> {
    const tenant = this.tenants.get(id);
    if (tenant === undefined) return null;
    return { tenant: structuredClone(tenant), mappings: [...this.accounts.values()].filter((a) => a.tenantId === id), etag: `"v${this.versions.get(id) ?? 0}"` };
  }

  async accountHolders(accountIds: readonly string[]): Promise<Map<string, string[]>> {
    const holders = new Map<string, string[]>();
    for (const mapping of this.accounts.values()) {
      if (!accountIds.includes(mapping.accountId)) continue;
      const known = holders.get(mapping.accountId) ?? [];
      if (!known.includes(mapping.tenantId)) holders.set(mapping.accountId, [...known, mapping.tenantId]);
    }
    return holders;
  }

  async listTenants(options: { limit: number; after?: string }): Promise<Tenant[]> {
    return [...this.tenants.values()].filter((t) => t.id > (options.after ?? "")).sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, options.limit);
  }

  async putTenant(tenant: Tenant, mappings: readonly AccountMapping[], condition: WriteCondition, options: { takeFrom?: readonly string[] } = {}): Promise<string> {
    const existing = await this.getStoredTenant(tenant.id);
    if (condition.kind === "create" && existing !== null) throw new DirectoryConflictError("exists");
    if (condition.kind === "ifMatch" && existing === null) throw new DirectoryConflictError("missing");
    // The same write sent again (a retry) at the version it replaced goes on, as the Cosmos directory does.
    const replay = existing !== null && JSON.stringify(existing.tenant) === JSON.stringify(tenant) && this.sameMappings(existing.mappings, mappings);
    if (condition.kind === "ifMatch" && existing?.etag !== condition.etag && !replay) throw new DirectoryConflictError("changed");
    const holders = mappings.map((m) => this.accounts.get(m.id)?.tenantId).filter((h): h is string => h !== undefined);
    if (holders.some((h) => h !== tenant.id && !(options.takeFrom ?? []).includes(h))) throw new DirectoryConflictError("claimed");
    // An account id has one tenant too (the data layout is keyed by it alone), checked in the same step as the write.
    const accountIds = new Set(mappings.map((m) => m.accountId));
    const accountHolders = [...this.accounts.values()].filter((a) => accountIds.has(a.accountId)).map((a) => a.tenantId);
    if (accountHolders.some((h) => h !== tenant.id && !(options.takeFrom ?? []).includes(h))) throw new DirectoryConflictError("claimed");
    if (condition.kind === "ifMatch" && replay) return existing.etag;
    await this.upsertTenant(structuredClone(tenant));
    for (const stale of existing?.mappings ?? []) this.accounts.delete(stale.id);
    for (const mapping of mappings) this.accounts.set(mapping.id, structuredClone(mapping));
    return `"v${this.versions.get(tenant.id) ?? 0}"`;
  }

  private sameMappings(stored: readonly AccountMapping[], given: readonly AccountMapping[]): boolean {
    const text = (list: readonly AccountMapping[]) => JSON.stringify([...list].sort((a, b) => (a.id < b.id ? -1 : 1)).map((m) => JSON.stringify(m)));
    return text(stored) === text(given);
  }
}

/** An effect ledger in memory: each key's effect runs once. */
export class OnceLedger implements EffectLedger {
  readonly done = new Map<string, unknown>();
  async once<T>(key: string, effect: () => Promise<T>): Promise<T> {
    if (!this.done.has(key)) this.done.set(key, await effect());
    return this.done.get(key) as T;
  }
}

/** A lifecycle control that records what it was asked. */
export class RecordingLifecycle implements LifecycleControl {
  readonly started = new Set<string>();
  readonly events: { demandId: string; name: string; payload: unknown }[] = [];

  async ensureStarted(demandId: string): Promise<void> {
    this.started.add(demandId);
  }

  /** Instances the fake reports as failed. */
  failed: string[] = [];
  /** Instances that refuse events (finished or unknown). */
  readonly refusing = new Set<string>();
  /** When set, an event to an instance never started is refused, as the durable client refuses it (404). */
  refuseUnstarted = false;

  async raise(demandId: string, name: string, payload: unknown): Promise<void> {
    if (this.refusing.has(demandId)) throw new Error(`instance ${demandId} is not running`);
    if (this.refuseUnstarted && !this.started.has(demandId)) throw new Error(`instance ${demandId} does not exist (404)`);
    this.events.push({ demandId, name, payload });
  }

  /** How often the failed instances were listed. */
  failedQueries = 0;

  async listFailed(): Promise<string[]> {
    this.failedQueries += 1;
    return this.failed;
  }

  /** The creation cut-offs of the purges asked for. */
  readonly purges: Date[] = [];

  async purgeFinished(createdBefore: Date): Promise<number> {
    this.purges.push(createdBefore);
    return 0;
  }
}
