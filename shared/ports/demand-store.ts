import type { DemandRecord } from "../domain/demand-record";

/** A stored demand with the version token used for optimistic concurrency. */
export interface VersionedDemand {
  record: DemandRecord;
  etag: string;
}

/** Where demands are kept. */
export interface DemandStore {
  /** Creates a demand; returns false (and writes nothing) when one with the same id exists. */
  create(record: DemandRecord): Promise<boolean>;
  /** Reads a demand by id, or null. */
  get(id: string): Promise<VersionedDemand | null>;
  /** Replaces a demand if it is still at `etag`: its new version token, or null when someone else changed it first. */
  replace(record: DemandRecord, etag: string): Promise<string | null>;
  /** Open demands whose lifecycle deadline (`wakeAt`) is at or before `now`, earliest first, at most `limit`. */
  listDue(now: string, limit: number): Promise<{ id: string; wakeAt: string }[]>;
  /** How many demands received in [from, toExclusive) (ISO instants), national security aside, have no final outcome yet. */
  countPending(from: string, toExclusive: string): Promise<number>;
  /** Open demands parked as needing an operator, at most `limit`. */
  listNeedingOperator(limit: number): Promise<string[]>;
  /**
   * Demands still as intake left them (received, or rejected at validation and not yet closed) that were received
   * before `receivedBefore`, oldest first, at most `limit`: a lifecycle that started would have moved them on.
   */
  listUnstarted(receivedBefore: string, limit: number): Promise<string[]>;
}
