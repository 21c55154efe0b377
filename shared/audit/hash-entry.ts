import { createHash } from "node:crypto";
import { GENESIS_HASH, sequenceId, type AuditAppend, type AuditEntry } from "./audit-entry";

/** The version tag that opens every canonical entry, so a future format can never collide with this one. */
export const ENTRY_FORMAT = "lrw-audit-entry-v1";

/**
 * The canonical serialisation an entry's hash is taken over: the UTF-8 bytes of the JSON array
 *   ["lrw-audit-entry-v1", demandId, seq, at, actor, step, detail | null, documentDigest | null, prevHash]
 * written by JSON.stringify (no whitespace; strings escaped as ECMA-262 JSON.stringify does; seq as a decimal
 * integer). Fields are positional, so their order is fixed; an absent optional field is null, never "".
 * `at` is hashed exactly as stored (append normalises it to toISOString(), e.g. 2026-01-02T03:04:05.000Z).
 */
export function canonicalEntryBytes(entry: Omit<AuditEntry, "hash" | "id">): Buffer {
  const fields = [
    ENTRY_FORMAT,
    entry.demandId,
    entry.seq,
    entry.at,
    entry.actor,
    entry.step,
    entry.detail ?? null,
    entry.documentDigest ?? null,
    entry.prevHash,
  ];
  return Buffer.from(JSON.stringify(fields), "utf8");
}

/** The lower-case hex SHA-256 of an entry's canonical serialisation. */
export function hashEntry(entry: Omit<AuditEntry, "hash" | "id">): string {
  return createHash("sha256").update(canonicalEntryBytes(entry)).digest("hex");
}

/** Builds the entry at `seq` that links to `prevHash` (GENESIS_HASH for seq 0); `at` is normalised to toISOString(). */
export function buildEntry(demandId: string, seq: number, prevHash: string, input: AuditAppend): AuditEntry {
  const unhashed = {
    demandId,
    seq,
    at: new Date(input.at).toISOString(),
    actor: input.actor,
    step: input.step,
    ...(input.detail === undefined ? {} : { detail: input.detail }),
    ...(input.documentDigest === undefined ? {} : { documentDigest: input.documentDigest }),
    prevHash: seq === 0 ? GENESIS_HASH : prevHash,
  };
  return { id: sequenceId(seq), ...unhashed, hash: hashEntry(unhashed) };
}
