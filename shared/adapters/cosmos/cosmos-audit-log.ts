import type { Container } from "@azure/cosmos";
import { AuditAppend, AuditEntry, sequenceId } from "../../audit/audit-entry";
import { buildEntry } from "../../audit/hash-entry";
import type { AppendOptions, AuditLog } from "../../ports/audit-log";
import { hasStatus, stripSystemProperties } from "./strip-system-properties";

/** How many times an append retries after another writer took the position it aimed at. */
const DEFAULT_MAX_ATTEMPTS = 100;

/**
 * How many chains an instance remembers (their last entry and the positions of their idempotency keys: a few KB for a
 * demand's whole lifecycle); the least recently used is forgotten first and read again when needed.
 */
const REMEMBERED_CHAINS = 2_000;

type Link = { seq: number; hash: string; at: string };

/**
 * What an instance knows of a chain: its last entry (null: empty) and the position of every idempotency key in it up
 * to that entry. Entries are only ever added, so what is known stays true; it may only fall behind.
 */
interface Known {
  last: Link | null;
  keys: Map<string, number>;
}

/** The later of two ISO instants. */
function latest(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** An entry as stored: the entry, and the idempotency key it was appended with (outside the hash: it is not evidence). */
type StoredEntry = AuditEntry & { onceKey?: string };

/**
 * The audit log on the Cosmos DB container `audit` (partition /demandId). Each entry's id is its zero-padded
 * sequence number, so the store itself refuses a second entry at a position: an append reads the tail,
 * creates tail+1, and on 409 reads the entry that won that position and tries the one after it. Entries are
 * never replaced.
 *
 * Reading the tail is a query of the partition, which costs more than a point read, so each
 * instance remembers the last entry it wrote or read per chain and aims after it. A guess that is behind (another
 * instance appended since) meets the 409 above and walks on by point reads; it is never ahead, as entries are only
 * ever added, one position after another. So a guess changes only how many round trips an append takes, never the
 * chain.
 *
 * An append with an idempotency key (`once`) stores the key on its item. Whether the chain holds the key is known
 * exactly without a read per append: the instance knows every key up to its remembered entry (it read the chain
 * once, or wrote or walked every entry since), and the walk past that entry reads each position it meets. So a
 * retried step is audited once at the cost of an ordinary append, where an effect-ledger record around it cost two
 * more round trips.
 */
export class CosmosAuditLog implements AuditLog {
  constructor(
    private readonly container: Container,
    private readonly maxAttempts = DEFAULT_MAX_ATTEMPTS,
    /** The app's clock: no entry is timed before it is written (absent: entries keep the time given). */
    private readonly now?: () => Date,
  ) {}

  private readonly chains = new Map<string, Known>();

  async append(demandId: string, input: AuditAppend, options: AppendOptions = {}): Promise<AuditEntry> {
    const checked = AuditAppend.parse(input);
    const once = options.once;
    let known = this.chains.get(demandId) ?? (options.newChain === true ? { last: null, keys: new Map<string, number>() } : await this.readChain(demandId));
    for (let attempt = 0; attempt < this.maxAttempts; attempt += 1) {
      const seen = once === undefined ? undefined : known.keys.get(once);
      if (seen !== undefined) return this.entryAt(demandId, seen);
      const tail = known.last;
      // Audit time never runs backwards along a chain: writers whose clocks read a little behind (an orchestration
      // episode's start time, another instance) take the time of the entry they follow. Nor is an entry timed before it
      // is written: a step retried past midnight, timed on a day already checkpointed, would be covered by no checkpoint (R12).
      const written = this.now === undefined ? checked.at : latest(checked.at, this.now().toISOString());
      const at = tail !== null && Date.parse(tail.at) > Date.parse(written) ? tail.at : written;
      const entry = buildEntry(demandId, tail === null ? 0 : tail.seq + 1, tail?.hash ?? "", { ...checked, at });
      try {
        await this.container.items.create<StoredEntry>(once === undefined ? entry : { ...entry, onceKey: once });
        this.remember(demandId, follow(known, entry, once));
        return entry;
      } catch (error) {
        if (!hasStatus(error, 409)) throw error;
      }
      // Someone else took this position: a point read of it (never stale, unlike a query) gives the next link.
      const { resource } = await this.container.item(entry.id, demandId).read<StoredEntry>();
      known = resource === undefined ? await this.readChain(demandId) : follow(known, resource, resource.onceKey);
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
    const entries = resources.map(toEntry).sort((a, b) => a.seq - b.seq);
    this.remember(demandId, knownOf(resources as StoredEntry[]));
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

  private remember(demandId: string, known: Known): void {
    // Least recently used first out: a Map keeps insertion order, and re-inserting moves a chain to the back.
    this.chains.delete(demandId);
    this.chains.set(demandId, known);
    if (this.chains.size > REMEMBERED_CHAINS) this.chains.delete(this.chains.keys().next().value!);
  }

  /** The entry at a position the instance knows is taken. */
  private async entryAt(demandId: string, seq: number): Promise<AuditEntry> {
    const { resource } = await this.container.item(sequenceId(seq), demandId).read<Record<string, unknown>>();
    if (resource === undefined) throw new Error(`audit entry ${seq} of a chain was known and cannot be read`);
    return toEntry(resource);
  }

  /** The whole chain's last entry and idempotency keys, from one query of its partition (the tail alone would cost as many round trips). */
  private async readChain(demandId: string): Promise<Known> {
    const { resources } = await this.container.items
      .query<Link & { onceKey?: string }>(
        { query: "SELECT c.seq, c.hash, c.at, c.onceKey FROM c WHERE c.demandId = @demandId", parameters: [{ name: "@demandId", value: demandId }] },
        { partitionKey: demandId },
      )
      .fetchAll();
    const known = knownOf(resources);
    this.remember(demandId, known);
    return known;
  }
}

/** What a chain's stored entries (all of them) tell: its last entry and where each idempotency key is. */
function knownOf(items: readonly (Link & { onceKey?: string })[]): Known {
  const keys = new Map<string, number>();
  let last: Link | null = null;
  for (const { seq, hash, at, onceKey } of items) {
    if (onceKey !== undefined) keys.set(onceKey, seq);
    if (last === null || seq > last.seq) last = { seq, hash, at };
  }
  return { last, keys };
}

/** What is known of a chain once `entry` (appended with `key`, if any) is its last entry; the key map is shared. */
function follow(known: Known, entry: Link, key: string | undefined): Known {
  if (key !== undefined) known.keys.set(key, entry.seq);
  return { last: { seq: entry.seq, hash: entry.hash, at: entry.at }, keys: known.keys };
}

/**
 * A stored item as an entry: Cosmos DB's properties and the idempotency key left out. An item edited into a shape no
 * append writes is answered as stored, never refused: verify then names where the chain breaks, and one tampered
 * entry can neither fail the trail's read nor stop the daily checkpoint of every other chain (R12).
 */
function toEntry(item: Record<string, unknown>): AuditEntry {
  const { onceKey: _key, ...stored } = stripSystemProperties(item);
  const parsed = AuditEntry.safeParse(stored);
  return parsed.success ? parsed.data : (stored as AuditEntry);
}
