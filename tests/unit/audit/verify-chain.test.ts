import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, type AuditEntry } from "../../../shared/audit/audit-entry";
import { buildEntry, canonicalEntryBytes, hashEntry } from "../../../shared/audit/hash-entry";
import { verifyChain, type ChainVerification } from "../../../shared/audit/verify-chain";
import { aChain } from "./audit-chain-fixtures";

const DEMAND = "d-1";

/** Re-hashes entries from `from` on and relinks them, as a forger who recomputes hashes would. */
function rehashFrom(entries: AuditEntry[], from: number): AuditEntry[] {
  const out = entries.map((e) => ({ ...e }));
  for (let i = from; i < out.length; i += 1) {
    const e = out[i] as AuditEntry;
    e.prevHash = i === 0 ? GENESIS_HASH : (out[i - 1] as AuditEntry).hash;
    e.hash = hashEntry(e);
  }
  return out;
}

function edit(entries: AuditEntry[], index: number, change: Partial<AuditEntry>): AuditEntry[] {
  return entries.map((e, i) => (i === index ? { ...e, ...change } : e));
}

describe("R12: verifyChain detects any edit, removal or reordering of the hash-chained audit log", () => {
  it("accepts an intact chain and reports its length and head", () => {
    const chain = aChain(DEMAND, 6);
    expect(verifyChain(chain)).toEqual({ ok: true, length: 6, head: chain[5]?.hash });
  });

  it("accepts the empty chain with the genesis head", () => {
    expect(verifyChain([], DEMAND)).toEqual({ ok: true, length: 0, head: GENESIS_HASH });
  });

  const chain = aChain(DEMAND, 6);
  const cases: { name: string; tampered: AuditEntry[]; expected: ChainVerification }[] = [
    { name: "step edited", tampered: edit(chain, 3, { step: "approved" }), expected: { ok: false, brokenAt: 3, problem: "hash mismatch" } },
    { name: "time edited", tampered: edit(chain, 0, { at: "2026-03-01T09:00:00.000Z" }), expected: { ok: false, brokenAt: 0, problem: "hash mismatch" } },
    { name: "actor edited", tampered: edit(chain, 5, { actor: "system" }), expected: { ok: false, brokenAt: 5, problem: "hash mismatch" } },
    { name: "detail removed", tampered: edit(chain, 2, { detail: undefined }), expected: { ok: false, brokenAt: 2, problem: "hash mismatch" } },
    { name: "document digest swapped", tampered: edit(chain, 1, { documentDigest: "b".repeat(64) }), expected: { ok: false, brokenAt: 1, problem: "hash mismatch" } },
    { name: "stored hash edited", tampered: edit(chain, 4, { hash: "c".repeat(64) }), expected: { ok: false, brokenAt: 4, problem: "hash mismatch" } },
    { name: "entry edited and its own hash recomputed", tampered: (() => { const t = edit(chain, 2, { step: "rejected" }); (t[2] as AuditEntry).hash = hashEntry(t[2] as AuditEntry); return t; })(), expected: { ok: false, brokenAt: 3, problem: "broken link" } },
    { name: "prevHash of the first entry changed and rehashed", tampered: rehashFrom(edit(chain, 0, { prevHash: "1".repeat(64) }), 1).map((e, i) => (i === 0 ? { ...e, hash: hashEntry(e) } : e)), expected: { ok: false, brokenAt: 0, problem: "broken link" } },
    { name: "middle entry deleted", tampered: chain.filter((_, i) => i !== 2), expected: { ok: false, brokenAt: 2, problem: "gap" } },
    { name: "first entry deleted", tampered: chain.slice(1), expected: { ok: false, brokenAt: 0, problem: "gap" } },
    { name: "two entries swapped", tampered: [chain[0], chain[1], chain[3], chain[2], chain[4], chain[5]] as AuditEntry[], expected: { ok: false, brokenAt: 2, problem: "reordered" } },
    { name: "last entry moved to the front", tampered: [chain[5], ...chain.slice(0, 5)] as AuditEntry[], expected: { ok: false, brokenAt: 0, problem: "reordered" } },
    { name: "forged entry inserted at position 3 (its own hash and link valid)", tampered: [...chain.slice(0, 3), buildEntry(DEMAND, 3, (chain[2] as AuditEntry).hash, { at: "2026-03-01T10:03:30.000Z", actor: "system", step: "forged" }), ...chain.slice(3)], expected: { ok: false, brokenAt: 4, problem: "duplicate" } },
    { name: "entry duplicated", tampered: [...chain.slice(0, 4), chain[3] as AuditEntry, ...chain.slice(4)], expected: { ok: false, brokenAt: 4, problem: "duplicate" } },
    { name: "entry renumbered and rehashed without relinking the rest", tampered: (() => { const t = edit(chain, 1, { seq: 7 }); (t[1] as AuditEntry).hash = hashEntry(t[1] as AuditEntry); return t; })(), expected: { ok: false, brokenAt: 1, problem: "gap" } },
    { name: "entry from another demand's chain", tampered: [...chain.slice(0, 2), aChain("d-2", 3)[2] as AuditEntry, ...chain.slice(3)], expected: { ok: false, brokenAt: 2, problem: "wrong demand" } },
  ];

  it.each(cases)("names the first broken link: $name", ({ tampered, expected }) => {
    expect(verifyChain(tampered, DEMAND)).toEqual(expected);
  });

  it("catches every single-field edit of every entry", () => {
    for (let i = 0; i < chain.length; i += 1) {
      for (const change of [{ step: "x" }, { actor: "admin:z" }, { at: "2030-01-01T00:00:00.000Z" }, { prevHash: "f".repeat(64) }, { demandId: "other" }]) {
        expect(verifyChain(edit(chain, i, change), DEMAND).ok, `entry ${i} ${JSON.stringify(change)}`).toBe(false);
      }
    }
  });
});

describe("the canonical entry serialisation", () => {
  it("is the documented positional JSON array, and the hash is its SHA-256", () => {
    const entry = buildEntry("d-9", 0, "", { at: "2026-03-01T10:00:00Z", actor: "requester:abc", step: "received", documentDigest: "e".repeat(64) });
    const expected = `["lrw-audit-entry-v1","d-9",0,"2026-03-01T10:00:00.000Z","requester:abc","received",null,"${"e".repeat(64)}","${GENESIS_HASH}"]`;
    expect(canonicalEntryBytes(entry).toString("utf8")).toBe(expected);
    expect(entry.hash).toBe(createHash("sha256").update(expected).digest("hex"));
    expect(entry.id).toBe("0000000000");
  });

  it("distinguishes an absent detail from an empty one", () => {
    const base = { at: "2026-03-01T10:00:00Z", actor: "system", step: "s" } as const;
    expect(buildEntry("d", 0, "", base).hash).not.toBe(buildEntry("d", 0, "", { ...base, detail: "" }).hash);
  });
});
