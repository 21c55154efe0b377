import type { DemandRecord } from "../shared/domain/demand-record";
import type { DemandStore, VersionedDemand } from "../shared/ports/demand-store";

/**
 * The demand store one batch of effects sees (one applyEffects call): the first read of a demand goes to the store,
 * later ones answer the version this batch last read or wrote, and a write that lost to another writer forgets it so
 * the retry reads afresh. Each write is still guarded by the version it was based on, so a version a moment old can
 * only make a write retry, never overwrite another writer's change; what an effect only reads (a message's wording)
 * is as of the batch's first read, as if the batch had run a moment earlier. It saves a demand read, and its parse,
 * per effect after the first (record step, review request, notice, conclusion, closing each read the demand).
 */
export class BatchDemandStore implements DemandStore {
  private readonly known = new Map<string, VersionedDemand>();

  constructor(private readonly store: DemandStore) {}

  async get(id: string): Promise<VersionedDemand | null> {
    const known = this.known.get(id);
    if (known !== undefined) return known;
    const found = await this.store.get(id);
    if (found !== null) this.known.set(id, found);
    return found;
  }

  async replace(record: DemandRecord, etag: string): Promise<string | null> {
    const next = await this.store.replace(record, etag);
    if (next === null) this.known.delete(record.id);
    else this.known.set(record.id, { record, etag: next });
    return next;
  }

  create(record: DemandRecord): Promise<boolean> {
    this.known.delete(record.id);
    return this.store.create(record);
  }

  listDue(now: string, limit: number): Promise<{ id: string; wakeAt: string }[]> {
    return this.store.listDue(now, limit);
  }

  countPending(from: string, toExclusive: string): Promise<number> {
    return this.store.countPending(from, toExclusive);
  }

  listNeedingOperator(limit: number): Promise<string[]> {
    return this.store.listNeedingOperator(limit);
  }

  listUnstarted(receivedBefore: string, limit: number): Promise<string[]> {
    return this.store.listUnstarted(receivedBefore, limit);
  }
}
