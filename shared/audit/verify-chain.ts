import { GENESIS_HASH, type AuditEntry } from "./audit-entry";
import { hashEntry } from "./hash-entry";

/** Why a chain does not verify, at the first position where it breaks. */
export type ChainProblem =
  | "wrong demand"
  | "duplicate"
  | "reordered"
  | "gap"
  | "hash mismatch"
  | "broken link";

/** The verdict on a chain: its length and head hash, or the first broken position (its expected sequence number). */
export type ChainVerification =
  | { ok: true; length: number; head: string }
  | { ok: false; brokenAt: number; problem: ChainProblem };

/**
 * Verifies a chain in the order given. At position i it checks, in this order: the entry belongs to the
 * chain's demand; its seq is i (a lower seq is a "duplicate", a higher one is "reordered" when seq i occurs
 * later in the list, else a "gap"); its hash recomputes ("hash mismatch"); its prevHash is the previous
 * entry's hash, or GENESIS_HASH at 0 ("broken link"). An empty chain verifies with head GENESIS_HASH.
 */
export function verifyChain(entries: readonly AuditEntry[], demandId = entries[0]?.demandId): ChainVerification {
  let previous = GENESIS_HASH;
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i] as AuditEntry;
    if (entry.demandId !== demandId) return { ok: false, brokenAt: i, problem: "wrong demand" };
    if (entry.seq !== i) return { ok: false, brokenAt: i, problem: sequenceProblem(entries, i) };
    if (hashEntry(entry) !== entry.hash) return { ok: false, brokenAt: i, problem: "hash mismatch" };
    if (entry.prevHash !== previous) return { ok: false, brokenAt: i, problem: "broken link" };
    previous = entry.hash;
  }
  return { ok: true, length: entries.length, head: previous };
}

function sequenceProblem(entries: readonly AuditEntry[], position: number): ChainProblem {
  const seq = (entries[position] as AuditEntry).seq;
  if (seq < position) return "duplicate";
  return entries.slice(position + 1).some((e) => e.seq === position) ? "reordered" : "gap";
}
