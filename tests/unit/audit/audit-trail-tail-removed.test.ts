import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import { GENESIS_HASH, type AuditAppend, type AuditEntry } from "../../../shared/audit/audit-entry";
import { readAuditTrail } from "../../../shared/audit/audit-trail-view";
import { buildEntry } from "../../../shared/audit/hash-entry";
import { writeDailyCheckpoint, writeMissingCheckpoints } from "../../../shared/audit/write-daily-checkpoint";
import type { AuditLog, CheckpointStore } from "../../../shared/ports/audit-log";
import { makeGetAuditTrailHandler } from "../../../functions/handlers/audit-trail-handlers";
import { aContext, aRequest, jsonOf } from "../../support/http";

/** A hash-chained audit log in memory whose stored entries a test can tamper with, as someone with write access to the store could. */
class TamperableAuditLog implements AuditLog {
  readonly chains = new Map<string, AuditEntry[]>();

  async append(demandId: string, input: AuditAppend): Promise<AuditEntry> {
    const chain = this.chains.get(demandId) ?? [];
    const entry = buildEntry(demandId, chain.length, chain.at(-1)?.hash ?? GENESIS_HASH, input);
    chain.push(entry);
    this.chains.set(demandId, chain);
    return entry;
  }

  async list(demandId: string): Promise<AuditEntry[]> {
    return [...(this.chains.get(demandId) ?? [])];
  }

  async listEntryTimesBetween(from: string, to: string): Promise<{ demandId: string; at: string }[]> {
    return [...this.chains.values()].flat().filter((e) => e.at >= from && e.at < to).map(({ demandId, at }) => ({ demandId, at }));
  }

  async firstEntryAt(): Promise<string | null> {
    return [...this.chains.values()].flat().map((e) => e.at).sort()[0] ?? null;
  }
}

class MemoryCheckpointStore implements CheckpointStore {
  readonly days = new Map<string, string>();

  async putIfAbsent(date: string, json: string): Promise<boolean> {
    if (this.days.has(date)) return false;
    this.days.set(date, json);
    return true;
  }

  async get(date: string): Promise<string | null> {
    return this.days.get(date) ?? null;
  }

  async latestDate(): Promise<string | null> {
    return [...this.days.keys()].sort().at(-1) ?? null;
  }

  async earliestDate(): Promise<string | null> {
    return [...this.days.keys()].sort()[0] ?? null;
  }
}

const keyring = new LocalKeyring({ directory: mkdtempSync(join(tmpdir(), "lrw-trail-")), modulusLength: 2048 });
const audit = new TamperableAuditLog();
const checkpoints = new MemoryCheckpointStore();
const deps = { audit, checkpoints, signer: keyring };

beforeAll(async () => {
  // Three steps on 07-01, the release on 07-02 (the chain's last entry, alone on its day); every day checkpointed.
  for (const [i, step] of ["received", "validated", "approved"].entries()) {
    await audit.append("demand-t", { at: `2026-07-01T1${i}:00:00.000Z`, actor: "system", step });
  }
  await audit.append("demand-t", { at: "2026-07-02T09:00:00.000Z", actor: "system", step: "package_released" });
  for (const day of ["2026-07-01", "2026-07-02", "2026-07-03"]) await writeDailyCheckpoint(deps, day);
});

describe("R12: the audit trail view against the daily checkpoints", () => {
  it("an intact chain is consistent with every checkpoint that lists it", async () => {
    const view = await readAuditTrail(deps, "demand-t");
    expect(view.verification).toMatchObject({ ok: true, length: 4 });
    expect(view.checkpoints.every((c) => c.consistency.ok)).toBe(true);
  });

  it("catches the removal of the chain's last entry when it was the only entry on its day", async () => {
    const removed = audit.chains.get("demand-t")!.pop()!;
    try {
      const view = await readAuditTrail(deps, "demand-t");
      // The shortened chain still verifies on its own (a hash chain cannot show a cut tail) ...
      expect(view.verification).toMatchObject({ ok: true, length: 3 });
      // ... but the 07-02 checkpoint committed to four entries: the trail must say the chain was truncated.
      expect(view.checkpoints).toContainEqual(
        expect.objectContaining({ date: "2026-07-02", consistency: expect.objectContaining({ ok: false, problem: "truncated" }) }),
      );
    } finally {
      audit.chains.get("demand-t")!.push(removed);
    }
  });
});

describe("R12: a chain whose every entry was removed", () => {
  it("R12: the trail still shows the checkpoints that listed it, as truncated", async () => {
    const removed = audit.chains.get("demand-t")!;
    audit.chains.delete("demand-t");
    try {
      const view = await readAuditTrail(deps, "demand-t");
      // An empty chain verifies on its own, but 07-01 and 07-02 committed to entries of this demand.
      expect(view.checkpoints).toContainEqual(
        expect.objectContaining({ date: "2026-07-01", consistency: expect.objectContaining({ ok: false, problem: "truncated" }) }),
      );
      // The administrators' trail shows the cut rather than answering as if the demand had never been audited.
      const response = await makeGetAuditTrailHandler(async () => ({ ...deps, maxBodyBytes: 1024 }))(aRequest({ params: { id: "demand-t" } }), aContext());
      expect(response.status).toBe(200);
      expect(jsonOf(response).checkpoints).toContainEqual(expect.objectContaining({ consistency: expect.objectContaining({ problem: "truncated" }) }));
    } finally {
      audit.chains.set("demand-t", removed);
    }
  });
});

describe("R12: the audit trail across a rotation of the provider's signing key", () => {
  it("R12: checkpoints signed before the rotation still verify, alone and as a chain", async () => {
    // docs/deploy.md §8: rotating package-signing keeps old versions enabled "so earlier signatures still verify".
    const rotating = new LocalKeyring({ directory: mkdtempSync(join(tmpdir(), "lrw-trail-rot-")), modulusLength: 2048 });
    const log = new TamperableAuditLog();
    const store = new MemoryCheckpointStore();
    const rotated = { audit: log, checkpoints: store, signer: rotating };
    await log.append("demand-r", { at: "2026-08-01T10:00:00.000Z", actor: "system", step: "received" });
    await writeDailyCheckpoint(rotated, "2026-08-01");
    await rotating.rotate("package-signing");
    await log.append("demand-r", { at: "2026-08-02T10:00:00.000Z", actor: "system", step: "validated" });
    await writeDailyCheckpoint(rotated, "2026-08-02");
    const view = await readAuditTrail(rotated, "demand-r");
    expect(view.checkpoints.map((c) => [c.date, c.signature])).toEqual([
      ["2026-08-01", { ok: true }],
      ["2026-08-02", { ok: true }],
    ]);
    expect(view.checkpointChain).toMatchObject({ ok: true, length: 2 });
  });
});

describe("R12: a stored checkpoint that no longer reads as one", () => {
  it("R12: the trail names the unreadable day instead of failing", async () => {
    const original = checkpoints.days.get("2026-07-02")!;
    checkpoints.days.set("2026-07-02", "{ overwritten");
    try {
      const view = await readAuditTrail(deps, "demand-t");
      expect(view.verification).toMatchObject({ ok: true, length: 4 });
      expect(view.checkpointChain).toEqual({ ok: false, date: "2026-07-02", problem: "unreadable" });
      const response = await makeGetAuditTrailHandler(async () => ({ ...deps, maxBodyBytes: 1024 }))(aRequest({ params: { id: "demand-t" } }), aContext());
      expect(response.status).toBe(200);
    } finally {
      checkpoints.days.set("2026-07-02", original);
    }
  });
});

describe("R12: the daily checkpoint after a day whose stored checkpoint was overwritten", () => {
  it("R12: is still written for the other chains, and commits to nothing rather than to the overwritten day", async () => {
    const log = new TamperableAuditLog();
    const store = new MemoryCheckpointStore();
    const own = { audit: log, checkpoints: store, signer: keyring };
    await log.append("demand-o", { at: "2026-09-01T10:00:00.000Z", actor: "system", step: "received" });
    await writeDailyCheckpoint(own, "2026-09-01");
    store.days.set("2026-09-01", "overwritten");
    await log.append("demand-o", { at: "2026-09-02T10:00:00.000Z", actor: "system", step: "validated" });
    const days = await writeMissingCheckpoints(own, "2026-09-02");
    expect(days).toMatchObject([{ date: "2026-09-02", outcome: { status: "written", previousUnreadable: true } }]);
    const written = JSON.parse(store.days.get("2026-09-02")!) as { previous: unknown; heads: { demandId: string }[] };
    expect(written.previous).toBeNull();
    expect(written.heads.map((h) => h.demandId)).toEqual(["demand-o"]);
  });
});

describe("R12: a stored entry whose time was overwritten with something that is not a time", () => {
  it("R12: the trail names the broken entry instead of failing", async () => {
    const chain = audit.chains.get("demand-t")!;
    const original = chain[1]!;
    // The log answers a misshapen stored entry as it is (CosmosAuditLog.list), so the view must read it as it is.
    chain[1] = { ...original, at: 1_751_400_000_000 as unknown as string };
    try {
      const view = await readAuditTrail(deps, "demand-t");
      expect(view.verification).toEqual({ ok: false, brokenAt: 1, problem: "hash mismatch" });
    } finally {
      chain[1] = original;
    }
  });
});
