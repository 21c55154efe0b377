import type { AuditAppend, AuditEntry } from "../audit/audit-entry";

/** How an append may be told what the caller knows: a new chain, or the key that makes it happen once. */
export interface AppendOptions {
  newChain?: boolean;
  once?: string;
}

/** The per-demand, append-only, hash-chained audit log (R12). */
export interface AuditLog {
  /**
   * Appends an entry at the next free position of the demand's chain, linking it to the current head. `newChain`: the
   * caller has just created the demand, so the chain is expected empty and its tail need not be read first (a wrong
   * expectation costs a round trip, never a wrong link). `once`: an idempotency key; when the chain already holds an
   * entry appended with it, that entry is answered and nothing is appended, so a retried step is audited once.
   */
  append(demandId: string, input: AuditAppend, options?: AppendOptions): Promise<AuditEntry>;
  /** The demand's chain in sequence order (empty when it has none). */
  list(demandId: string): Promise<AuditEntry[]>;
  /** The demand and time of every entry whose time is in [from, to) (ISO date-times), in no particular order. */
  listEntryTimesBetween(from: string, to: string): Promise<{ demandId: string; at: string }[]>;
  /** The time of the earliest entry of any chain, or null when the log is empty. */
  firstEntryAt(): Promise<string | null>;
}

/** Where signed daily checkpoints are kept, each written once. */
export interface CheckpointStore {
  /** Writes a day's checkpoint unless one exists; returns false (writing nothing) when it exists. */
  putIfAbsent(date: string, json: string): Promise<boolean>;
  /** Reads a day's checkpoint JSON, or null. */
  get(date: string): Promise<string | null>;
  /** The date of the latest checkpoint written, or null when there is none. */
  latestDate(): Promise<string | null>;
  /** The date of the earliest checkpoint written, or null when there is none. */
  earliestDate(): Promise<string | null>;
}
