import type { AuditEntry } from "../../../shared/audit/audit-entry";
import { buildEntry } from "../../../shared/audit/hash-entry";

/** A valid chain of `length` entries for one demand, one minute apart from 2026-03-01T10:00Z. */
export function aChain(demandId: string, length: number, startSeq = 0, prevHash = ""): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let previous = prevHash;
  for (let seq = startSeq; seq < startSeq + length; seq += 1) {
    const entry = buildEntry(demandId, seq, previous, {
      at: new Date(Date.UTC(2026, 2, 1, 10, seq)).toISOString(),
      actor: seq % 2 === 0 ? "system" : "reviewer:r-1",
      step: `step-${seq}`,
      ...(seq === 1 ? { documentDigest: "a".repeat(64) } : {}),
      ...(seq === 2 ? { detail: "approved with \"quotes\" and ünïcode" } : {}),
    });
    entries.push(entry);
    previous = entry.hash;
  }
  return entries;
}
