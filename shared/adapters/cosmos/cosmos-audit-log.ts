import type { Container } from "@azure/cosmos";
import { AuditAppend, AuditEntry } from "../../audit/audit-entry";
import { buildEntry } from "../../audit/hash-entry";
import type { AuditLog } from "../../ports/audit-log";
import { hasStatus, stripSystemProperties } from "./strip-system-properties";

/** How many times an append retries after another writer took the position it aimed at. */
const DEFAULT_MAX_ATTEMPTS = 100;

/** How many chains' last known entries an instance remembers (a few hundred bytes each). */
const REMEMBERED_TAILS = 10_000;

type Tail = { seq: number; hash: string; at: string } | null;

/**
 * The audit log on the Cosmos DB container `audit` (partition /demandId). Each entry's id is its zero-padded
 * sequence number, so the store itself refuses a second entry at a position: an append reads the tail,
 * creates tail+1, and on 409 reads the entry that won that position and tries the one after it. Entries are
 * never replaced.
 *
 * The tail is a query, which costs more than a point read in Azure and is a full scan on the local stand-in, so each
 * instance remembers the last entry it wrote or read per chain and aims after it. A guess that is behind (another
 * instance appended since) meets the 409 above and walks on by point reads; it is never ahead, as entries are only
 * ever added, one position after another. So a guess changes only how many round trips an append takes, never the
 * chain.
 */
export class CosmosAuditLog implements AuditLog {
  constructor(
    private readonly container: Container,
    private readonly maxAttempts = DEFAULT_MAX_ATTEMPTS,
  ) {}

  private readonly tails = new Map<string, Tail>();

  async append(demandId: string, input: AuditAppend, options: { newChain?: boolean } = {}): Promise<AuditEntry> {
    const checked = AuditAppend.parse(input);
    let tail = this.tails.get(demandId) ?? (options.newChain === true ? null : await this.readTail(demandId));
    for (let attempt = 0; attempt < this.maxAttempts; attempt += 1) {
      // Audit time never runs backwards along a chain: writers whose clocks read a little behind (an orchestration
      // episode's start time, another instance) take the time of the entry they follow.
      const at = tail !== null && Date.parse(tail.at) > Date.parse(checked.at) ? tail.at : checked.at;
      const entry = buildEntry(demandId, tail === null ? 0 : tail.seq + 1, tail?.hash ?? "", { ...checked, at });
      try {
        await this.container.items.create(entry);
        this.remember(demandId, entry);
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
    const entries = resources.map((r) => AuditEntry.parse(stripSystemProperties(r))).sort((a, b) => a.seq - b.seq);
    if (entries.length > 0) this.remember(demandId, entries.at(-1)!);
    return entries;
  }

  async listEntryTimesBetween(from: string, to: string): Promise<{ demandId: string; at: string }[]> {
    const { resources } = await this.container.items
      .query<{ demandId: string; at: string }>({
        query: "SELECT c.demandId, c.at FROM c WHERE c.at >= @from AND c.at < @to",
        parameters: [
          { name: "@from", value: from },
          { name: "@to", value: to },
        ],
      })
      .fetchAll();
    return resources;
  }

  async firstEntryAt(): Promise<string | null> {
    const { resources } = await this.container.items.query<{ at: string }>("SELECT TOP 1 c.at FROM c ORDER BY c.at ASC").fetchAll();
    return resources[0]?.at ?? null;
  }

  private remember(demandId: string, entry: AuditEntry): void {
    // Oldest first out: a Map keeps insertion order, and re-inserting moves a chain to the back.
    this.tails.delete(demandId);
    this.tails.set(demandId, { seq: entry.seq, hash: entry.hash, at: entry.at });
    if (this.tails.size > REMEMBERED_TAILS) this.tails.delete(this.tails.keys().next().value!);
  }

  private async readTail(demandId: string): Promise<Tail> {
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
