import type { Container } from "@azure/cosmos";
import { AuditAppend, AuditEntry } from "../../audit/audit-entry";
import { buildEntry } from "../../audit/hash-entry";
import type { AuditLog } from "../../ports/audit-log";
import { hasStatus, stripSystemProperties } from "./strip-system-properties";

/** How many times an append retries after another writer took the position it aimed at. */
const DEFAULT_MAX_ATTEMPTS = 100;

/**
 * The audit log on the Cosmos DB container `audit` (partition /demandId). Each entry's id is its zero-padded
 * sequence number, so the store itself refuses a second entry at a position: an append reads the tail,
 * creates tail+1, and on 409 reads the entry that won that position and tries the one after it. Entries are
 * never replaced.
 */
export class CosmosAuditLog implements AuditLog {
  constructor(
    private readonly container: Container,
    private readonly maxAttempts = DEFAULT_MAX_ATTEMPTS,
  ) {}

  async append(demandId: string, input: AuditAppend): Promise<AuditEntry> {
    const checked = AuditAppend.parse(input);
    let tail = await this.readTail(demandId);
    for (let attempt = 0; attempt < this.maxAttempts; attempt += 1) {
      // Audit time never runs backwards along a chain: writers whose clocks read a little behind (an orchestration
      // episode's start time, another instance) take the time of the entry they follow.
      const at = tail !== null && Date.parse(tail.at) > Date.parse(checked.at) ? tail.at : checked.at;
      const entry = buildEntry(demandId, tail === null ? 0 : tail.seq + 1, tail?.hash ?? "", { ...checked, at });
      try {
        await this.container.items.create(entry);
        return entry;
      } catch (error) {
        if (!hasStatus(error, 409)) throw error;
      }
      // Someone else took this position: a point read of it (never stale, unlike a query) gives the next link.
      const { resource } = await this.container.item(entry.id, demandId).read<{ seq: number; hash: string; at: string }>();
      tail = resource === undefined ? await this.readTail(demandId) : { seq: resource.seq, hash: resource.hash, at: resource.at };
    }
    throw new Error(`audit append for a demand lost the race ${this.maxAttempts} times`);
  }

  async list(demandId: string): Promise<AuditEntry[]> {
    const { resources } = await this.container.items
      .query<Record<string, unknown>>(
        { query: "SELECT * FROM c WHERE c.demandId = @demandId", parameters: [{ name: "@demandId", value: demandId }] },
        { partitionKey: demandId },
      )
      .fetchAll();
    // Parsing keeps what was stored, so a tampered item is shown as it is and verify names it.
    return resources.map((r) => AuditEntry.parse(stripSystemProperties(r))).sort((a, b) => a.seq - b.seq);
  }

  async listDemandsActiveBetween(from: string, to: string): Promise<string[]> {
    const { resources } = await this.container.items
      .query<{ demandId: string }>({
        query: "SELECT c.demandId FROM c WHERE c.at >= @from AND c.at < @to",
        parameters: [
          { name: "@from", value: from },
          { name: "@to", value: to },
        ],
      })
      .fetchAll();
    return [...new Set(resources.map((r) => r.demandId))].sort();
  }

  async firstEntryAt(): Promise<string | null> {
    const { resources } = await this.container.items.query<{ at: string }>("SELECT TOP 1 c.at FROM c ORDER BY c.at ASC").fetchAll();
    return resources[0]?.at ?? null;
  }

  private async readTail(demandId: string): Promise<{ seq: number; hash: string; at: string } | null> {
    const { resources } = await this.container.items
      .query<{ seq: number; hash: string; at: string }>(
        {
          query: "SELECT TOP 1 c.seq, c.hash, c.at FROM c WHERE c.demandId = @demandId ORDER BY c.seq DESC",
          parameters: [{ name: "@demandId", value: demandId }],
        },
        { partitionKey: demandId },
      )
      .fetchAll();
    return resources[0] ?? null;
  }
}
