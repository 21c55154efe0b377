import type { Container } from "@azure/cosmos";
import { DemandRecord } from "../../domain/demand-record";
import type { DemandStore, VersionedDemand } from "../../ports/demand-store";
import { cosmosIdOf, fromCosmosItem, toCosmosItem } from "./cosmos-id";
import { replaceIfMatch } from "./replace-if-match";
import { hasStatus } from "./strip-system-properties";

/** The demand store on a Cosmos DB container partitioned by /id (ids made safe by cosmosIdOf). */
export class CosmosDemandStore implements DemandStore {
  constructor(private readonly container: Container) {}

  async create(record: DemandRecord): Promise<boolean> {
    try {
      await this.container.items.create(toCosmosItem(record));
      return true;
    } catch (error) {
      if (hasStatus(error, 409)) return false;
      throw error;
    }
  }

  async get(id: string): Promise<VersionedDemand | null> {
    const itemId = cosmosIdOf(id);
    const { resource, etag } = await this.container.item(itemId, itemId).read<Record<string, unknown>>();
    if (resource === undefined) return null;
    return { record: DemandRecord.parse(fromCosmosItem(resource)), etag };
  }

  async replace(record: DemandRecord, etag: string): Promise<string | null> {
    return replaceIfMatch(this.container, record, etag);
  }

  async listDue(now: string, limit: number): Promise<{ id: string; wakeAt: string }[]> {
    const { resources } = await this.container.items
      .query<{ id: string; wakeAt: string }>({
        query: "SELECT TOP @limit c.id, c.wakeAt FROM c WHERE IS_DEFINED(c.wakeAt) AND c.wakeAt <= @now AND c.status != 'closed' ORDER BY c.wakeAt",
        parameters: [
          { name: "@now", value: now },
          { name: "@limit", value: limit },
        ],
      })
      .fetchAll();
    return resources.map((r) => ({ id: r.id, wakeAt: r.wakeAt }));
  }

  async countPending(from: string, toExclusive: string): Promise<number> {
    const { resources } = await this.container.items
      .query<number>({
        query:
          "SELECT VALUE COUNT(1) FROM c WHERE c.receivedAt >= @from AND c.receivedAt < @to AND NOT IS_DEFINED(c.outcome) AND c.body.legalProcess.kind != 'national_security'",
        parameters: [
          { name: "@from", value: from },
          { name: "@to", value: toExclusive },
        ],
      })
      .fetchAll();
    return resources.reduce((sum, n) => sum + n, 0);
  }

  async listNeedingOperator(limit: number): Promise<string[]> {
    const { resources } = await this.container.items
      .query<{ id: string }>({ query: "SELECT TOP @limit c.id FROM c WHERE c.status = 'needs_operator'", parameters: [{ name: "@limit", value: limit }] })
      .fetchAll();
    return resources.map((r) => r.id);
  }

  async listUnstarted(receivedBefore: string, limit: number): Promise<string[]> {
    const { resources } = await this.container.items
      .query<{ id: string; naturalId?: string }>({
        query:
          "SELECT TOP @limit c.id, c.naturalId FROM c WHERE (c.status = 'received' OR c.status = 'rejected') AND c.receivedAt < @before ORDER BY c.receivedAt",
        parameters: [
          { name: "@limit", value: limit },
          { name: "@before", value: receivedBefore },
        ],
      })
      .fetchAll();
    return resources.map((r) => r.naturalId ?? r.id);
  }
}
