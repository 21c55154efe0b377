import { createHash } from "node:crypto";
import type { Container } from "@azure/cosmos";
import type { Target } from "../../domain/demand";
import { AccountMapping, identifierKey, Tenant } from "../../domain/tenant";
import { DirectoryConflictError, type CustomerDirectoryAdmin, type StoredTenant, type WriteCondition } from "../../ports/customer-directory";
import { cosmosIdOf, fromCosmosItem, toCosmosItem } from "./cosmos-id";

/** The field of a tenant document that keeps a digest of the mappings it was written with. */
const MAPPINGS_DIGEST = "mappingsDigest";

/** A stored tenant document as a tenant (without the mappings digest). */
function tenantOfItem(resource: Record<string, unknown>): Tenant {
  const { [MAPPINGS_DIGEST]: _digest, ...tenant } = fromCosmosItem(resource);
  return Tenant.parse(tenant);
}

/** A digest of a set of mappings, whatever their order. */
function digestOf(mappings: readonly AccountMapping[]): string {
  const ordered = [...mappings].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((mapping) => JSON.stringify(AccountMapping.parse(mapping)));
  return createHash("sha256").update(JSON.stringify(ordered)).digest("hex");
}

/** Which tenant holds an account id (an item of the accounts container beside the identifier mappings). */
interface AccountHold {
  id: string;
  heldAccount: string;
  heldBy: string;
}

/** A holder document claimAccounts created (previous null) or took over from another tenant. */
interface HoldChange {
  hold: AccountHold;
  previous: string | null;
}

/**
 * The customer directory on two Cosmos DB containers: tenants and identifier → account mappings
 * (natural id = identifierKey; a key Cosmos DB cannot hold, such as "ip:203.0.113.0/24", is stored hashed).
 */
export class CosmosCustomerDirectory implements CustomerDirectoryAdmin {
  constructor(
    private readonly tenants: Container,
    private readonly accounts: Container,
  ) {}

  async findAccounts(targets: readonly Target[]): Promise<(AccountMapping | null)[]> {
    return Promise.all(
      targets.map(async (target) => {
        const key = cosmosIdOf(identifierKey(target.type, target.value));
        const { resource } = await this.accounts.item(key, key).read<Record<string, unknown>>();
        return resource === undefined ? null : AccountMapping.parse(fromCosmosItem(resource));
      }),
    );
  }

  async getTenants(ids: readonly string[]): Promise<Map<string, Tenant>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(
      unique.map(async (id) => {
        const itemId = cosmosIdOf(id);
        const { resource } = await this.tenants.item(itemId, itemId).read<Record<string, unknown>>();
        return resource === undefined ? null : tenantOfItem(resource);
      }),
    );
    return new Map(found.filter((t): t is Tenant => t !== null).map((t) => [t.id, t]));
  }

  async upsertTenant(tenant: Tenant): Promise<void> {
    await this.tenants.items.upsert(toCosmosItem(Tenant.parse(tenant)));
  }

  async upsertAccount(account: AccountMapping): Promise<void> {
    const parsed = AccountMapping.parse(account);
    if (parsed.id !== identifierKey(parsed.identifierType, parsed.identifierValue)) {
      throw new Error("account mapping id must be the identifier key");
    }
    await this.accounts.items.upsert(toCosmosItem(parsed));
  }

  async getStoredTenant(id: string): Promise<StoredTenant | null> {
    const itemId = cosmosIdOf(id);
    const { resource } = await this.tenants.item(itemId, itemId).read<Record<string, unknown>>();
    if (resource === undefined) return null;
    return { tenant: tenantOfItem(resource), mappings: await this.mappingsOf(id), etag: String(resource._etag) };
  }

  async accountHolders(accountIds: readonly string[]): Promise<Map<string, string[]>> {
    const holders = new Map<string, string[]>();
    if (accountIds.length === 0) return holders;
    const { resources } = await this.accounts.items
      .query<{ accountId: string; tenantId: string }>({
        // One row per identifier mapping (DISTINCT is left out: the local Cosmos stand-in does not parse it).
        query: "SELECT c.accountId, c.tenantId FROM c WHERE ARRAY_CONTAINS(@ids, c.accountId)",
        parameters: [{ name: "@ids", value: [...new Set(accountIds)] }],
      })
      .fetchAll();
    for (const { accountId, tenantId } of resources) {
      const known = holders.get(accountId) ?? [];
      if (!known.includes(tenantId)) holders.set(accountId, [...known, tenantId]);
    }
    return holders;
  }

  async listTenants(options: { limit: number; after?: string }): Promise<Tenant[]> {
    const query = this.tenants.items.query<Record<string, unknown>>(
      { query: "SELECT * FROM c WHERE c.id > @after ORDER BY c.id", parameters: [{ name: "@after", value: options.after ?? "" }] },
      { maxItemCount: options.limit },
    );
    // A cross-partition page may come back short while more follow: keep fetching until the limit is reached.
    const resources: Record<string, unknown>[] = [];
    while (resources.length < options.limit && query.hasMoreResults()) resources.push(...(await query.fetchNext()).resources);
    return resources.slice(0, options.limit).map((resource) => tenantOfItem(resource));
  }

  async putTenant(tenant: Tenant, mappings: readonly AccountMapping[], condition: WriteCondition, options: { takeFrom?: readonly string[] } = {}): Promise<string> {
    const parsed = Tenant.parse(tenant);
    const wanted = new Map(mappings.map((mapping) => [mapping.id, AccountMapping.parse(mapping)]));
    // Identifiers new to this tenant are claimed first, each with a create that fails when any tenant holds it, so
    // of two writes at once claiming one identifier only one gets it; the other writes nothing. A claim whose
    // tenant is not written yet reads as "no such customer" to lookups, as the identifier did before; after a crash
    // in between, writing the same tenant again completes it (its own claims count as its own).
    // Account ids likewise (R6: customer data is laid out by account id alone), each with a holder document.
    const accounts = await this.claimAccounts(parsed.id, [...new Set(mappings.map((mapping) => mapping.accountId))], options.takeFrom ?? []);
    let claimed: AccountMapping[] = [];
    let etag: string;
    try {
      claimed = await this.claim(parsed.id, [...wanted.values()], options.takeFrom ?? []);
      etag = await this.writeTenant(parsed, condition, digestOf([...wanted.values()]));
    } catch (error) {
      await this.release(claimed);
      await this.releaseAccounts(accounts);
      throw error;
    }
    // The tenant document is the version; its mappings follow it. A failure in between is repaired by writing
    // the same tenant again (the import is idempotent), and lookups never see a mapping of another tenant.
    for (const mapping of wanted.values()) await this.upsertAccount(mapping);
    for (const stale of await this.mappingsOf(parsed.id)) {
      // A claim of a concurrent write of this tenant that lost is listed here and may be gone by now (it undoes its claims).
      if (!wanted.has(stale.id)) await this.release([stale]);
    }
    // An account the tenant no longer has is free for another (only once its mappings are gone).
    const kept = new Set(mappings.map((mapping) => mapping.accountId));
    const { resources: holds } = await this.accounts.items
      .query<AccountHold & { _etag: string }>({ query: "SELECT * FROM c WHERE c.heldBy = @tenantId", parameters: [{ name: "@tenantId", value: parsed.id }] })
      .fetchAll();
    for (const hold of holds) {
      if (!kept.has(hold.heldAccount)) await this.deleteHold(hold.id, hold._etag);
    }
    return etag;
  }

  /**
   * Makes this tenant the holder of each account id: creates the holder document when there is none (fails, undoing
   * its own changes, when another write created it first), takes it over from a tenant of `takeFrom`, and refuses
   * ("claimed") one another tenant holds. Returns what it changed, for undoing.
   */
  private async claimAccounts(tenantId: string, accountIds: readonly string[], takeFrom: readonly string[]): Promise<HoldChange[]> {
    const changed: HoldChange[] = [];
    const refuse = async (): Promise<never> => {
      await this.releaseAccounts(changed);
      throw new DirectoryConflictError("claimed");
    };
    for (const accountId of accountIds) {
      const hold = toCosmosItem<AccountHold>({ id: `account-holder:${accountId}`, heldAccount: accountId, heldBy: tenantId });
      const { resource } = await this.accounts.item(hold.id, hold.id).read<AccountHold & { _etag: string }>();
      try {
        if (resource === undefined) {
          await this.accounts.items.create(hold);
          changed.push({ hold, previous: null });
        } else if (resource.heldBy !== tenantId) {
          if (!takeFrom.includes(resource.heldBy)) return refuse();
          await this.accounts.item(hold.id, hold.id).replace(hold, { accessCondition: { type: "IfMatch", condition: resource._etag } });
          changed.push({ hold, previous: resource.heldBy });
        }
      } catch (error) {
        const status = (error as { code?: unknown }).code;
        if (status === 409 || status === 412) return refuse();
        throw error;
      }
    }
    return changed;
  }

  /** Undoes claimAccounts: removes the holder documents it created and gives back the ones it took over. */
  private async releaseAccounts(changes: readonly HoldChange[]): Promise<void> {
    for (const { hold, previous } of changes) {
      if (previous === null) await this.deleteHold(hold.id);
      else await this.accounts.items.upsert({ ...hold, heldBy: previous });
    }
  }

  private async deleteHold(id: string, etag?: string): Promise<void> {
    await this.accounts
      .item(id, id)
      .delete(etag === undefined ? undefined : { accessCondition: { type: "IfMatch", condition: etag } })
      .catch((error: unknown) => {
        // Gone already, or taken over meanwhile by a tenant of the same import: either way not ours to remove.
        const status = (error as { code?: unknown }).code;
        if (status !== 404 && status !== 412) throw error;
      });
  }

  /** Creates the mappings no tenant holds yet; throws "claimed" (undoing its creates) when another tenant holds one. */
  private async claim(tenantId: string, mappings: readonly AccountMapping[], takeFrom: readonly string[]): Promise<AccountMapping[]> {
    const created: AccountMapping[] = [];
    const refuse = async (): Promise<never> => {
      await this.release(created);
      throw new DirectoryConflictError("claimed");
    };
    for (const mapping of mappings) {
      const key = cosmosIdOf(mapping.id);
      const { resource } = await this.accounts.item(key, key).read<Record<string, unknown>>();
      if (resource !== undefined) {
        const holder = AccountMapping.parse(fromCosmosItem(resource)).tenantId;
        if (holder === tenantId || takeFrom.includes(holder)) continue;
        return refuse();
      }
      try {
        await this.accounts.items.create(toCosmosItem(mapping));
      } catch (error) {
        if ((error as { code?: unknown }).code === 409) return refuse();
        throw error;
      }
      created.push(mapping);
    }
    return created;
  }

  private async release(mappings: readonly AccountMapping[]): Promise<void> {
    for (const mapping of mappings) {
      const key = cosmosIdOf(mapping.id);
      await this.accounts.item(key, key).delete().catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 404) throw error;
      });
    }
  }

  /**
   * Writes the tenant document with the digest of the mappings it is written with. A write whose mappings were cut
   * short (a crash after the document) is found by the same write sent again: the document and digest are its own, so
   * it goes on at that version instead of answering "changed"; any other change since the read still does.
   */
  private async writeTenant(tenant: Tenant, condition: WriteCondition, mappingsDigest: string): Promise<string> {
    try {
      return await this.writeTenantDocument(tenant, condition, mappingsDigest);
    } catch (error) {
      if (!(error instanceof DirectoryConflictError && error.reason === "changed")) throw error;
      const itemId = cosmosIdOf(tenant.id);
      const { resource } = await this.tenants.item(itemId, itemId).read<Record<string, unknown>>();
      if (resource?.[MAPPINGS_DIGEST] !== mappingsDigest || JSON.stringify(tenantOfItem(resource)) !== JSON.stringify(tenant)) throw error;
      return String(resource._etag);
    }
  }

  private async writeTenantDocument(tenant: Tenant, condition: WriteCondition, mappingsDigest: string): Promise<string> {
    try {
      const item = { ...toCosmosItem(tenant), [MAPPINGS_DIGEST]: mappingsDigest };
      if (condition.kind === "create") return String((await this.tenants.items.create(item)).resource?._etag);
      if (condition.kind === "any") return String((await this.tenants.items.upsert(item)).resource?._etag);
      const { resource } = await this.tenants.item(item.id, item.id).replace(item, { accessCondition: { type: "IfMatch", condition: condition.etag } });
      return String(resource?._etag);
    } catch (error) {
      const status = (error as { code?: unknown }).code;
      if (status === 409) throw new DirectoryConflictError("exists");
      if (status === 404) throw new DirectoryConflictError("missing");
      if (status === 412) throw new DirectoryConflictError("changed");
      throw error;
    }
  }

  private async mappingsOf(tenantId: string): Promise<AccountMapping[]> {
    const { resources } = await this.accounts.items
      .query<Record<string, unknown>>({ query: "SELECT * FROM c WHERE c.tenantId = @tenantId", parameters: [{ name: "@tenantId", value: tenantId }] })
      .fetchAll();
    return resources.map((resource) => AccountMapping.parse(fromCosmosItem(resource)));
  }
}
