import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Container, Database } from "@azure/cosmos";
import type { ContainerClient } from "@azure/storage-blob";
import { beforeAll, describe, expect, it } from "vitest";
import { Checkpoint, verifyAgainstCheckpoint, verifyCheckpoint } from "../../../shared/audit/checkpoint";
import { hashEntry } from "../../../shared/audit/hash-entry";
import { verifyChain } from "../../../shared/audit/verify-chain";
import { writeDailyCheckpoint } from "../../../shared/audit/write-daily-checkpoint";
import { BlobCheckpointStore } from "../../../shared/adapters/blob/blob-checkpoint-store";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosAuditLog } from "../../../shared/adapters/cosmos/cosmos-audit-log";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import { openTestContainer, openTestDatabase } from "../../support/test-stores";

let database: Database;
let container: Container;
let blobs: ContainerClient;
const keyring = new LocalKeyring({ directory: mkdtempSync(join(tmpdir(), "lrw-audit-")), modulusLength: 2048 });

beforeAll(async () => {
  database = await openTestDatabase();
  container = database.container(COSMOS_CONTAINERS.audit.id);
  blobs = await openTestContainer("audit-checkpoints");
});

const step = (minute: number, name: string) => ({ at: new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString(), actor: "system", step: name });

describe("CosmosAuditLog", () => {
  it("never lets audit time run backwards along a chain: a late writer with an earlier clock takes its predecessor's time", async () => {
    const log = new CosmosAuditLog(container);
    await log.append("demand-monotonic", step(5, "received"));
    const late = await log.append("demand-monotonic", step(3, "validated"));
    expect(late.at).toBe(step(5, "x").at);
    const next = await log.append("demand-monotonic", step(7, "closed"));
    expect(next.at).toBe(step(7, "x").at);
    const entries = await log.list("demand-monotonic");
    expect(verifyChain(entries).ok).toBe(true);
  });

  it("appends a verifiable chain with ids that are the zero-padded sequence numbers", async () => {
    const log = new CosmosAuditLog(container);
    await log.append("demand-1", { ...step(0, "received"), documentDigest: "a".repeat(64) });
    await log.append("demand-1", { ...step(1, "validated"), detail: "passed all checks" });
    const third = await log.append("demand-1", { ...step(2, "closed"), actor: "reviewer:r-7" });
    const entries = await log.list("demand-1");
    expect(entries.map((e) => e.id)).toEqual(["0000000000", "0000000001", "0000000002"]);
    expect(verifyChain(entries)).toEqual({ ok: true, length: 3, head: third.hash });
    expect(await log.list("no-such-demand")).toEqual([]);
  });

  it("refuses a second item at a taken position, and an append that lost the race moves to the next one", async () => {
    const log = new CosmosAuditLog(container);
    const first = await log.append("demand-race", step(0, "received"));
    await expect(container.items.create({ ...first, step: "forged" })).rejects.toMatchObject({ code: 409 });
    // Another writer takes position 1 behind this log's back; the next append must land at 2 and link to it.
    const intruder = { ...first, id: "0000000001", seq: 1, prevHash: first.hash, step: "other-writer" };
    intruder.hash = hashEntry(intruder);
    await container.items.create(intruder);
    const next = await log.append("demand-race", step(2, "validated"));
    expect(next.seq).toBe(2);
    expect(next.prevHash).toBe(intruder.hash);
  });

  it("keeps the chain gapless under 20 concurrent appends", async () => {
    const log = new CosmosAuditLog(container);
    const appended = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append("demand-busy", step(i, `step-${i}`))));
    expect(new Set(appended.map((e) => e.seq)).size).toBe(20);
    const entries = await log.list("demand-busy");
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(verifyChain(entries)).toMatchObject({ ok: true, length: 20 });
  });

  it("two instances appending in turn to one chain, each remembering its own last entry, keep it gapless and verifiable", async () => {
    const [a, b] = [new CosmosAuditLog(container), new CosmosAuditLog(container)];
    for (let i = 0; i < 6; i += 1) await (i % 2 === 0 ? a : b).append("demand-two-instances", step(i, `step-${i}`));
    await Promise.all([a.append("demand-two-instances", step(7, "a")), b.append("demand-two-instances", step(7, "b"))]);
    const entries = await a.list("demand-two-instances");
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(verifyChain(entries)).toMatchObject({ ok: true, length: 8 });
  });

  it("reads a chain's tail by query once per instance, then aims after the entry it last wrote", async () => {
    let queries = 0;
    const counting = new Proxy(container, {
      get: (target, key) =>
        key === "items"
          ? new Proxy(target.items, { get: (items, k) => (k === "query" ? (...args: unknown[]) => ((queries += 1), (items.query as (...a: unknown[]) => unknown)(...args)) : Reflect.get(items, k, items)) })
          : Reflect.get(target, key, target),
    });
    await new CosmosAuditLog(container).append("demand-queries", step(0, "received"));
    const log = new CosmosAuditLog(counting as Container);
    for (let i = 1; i <= 5; i += 1) await log.append("demand-queries", step(i, `step-${i}`));
    expect(queries).toBe(1);
    expect(verifyChain(await log.list("demand-queries"))).toMatchObject({ ok: true, length: 6 });
  });

  it("starts a new demand's chain without reading a tail, and still links after an entry that was already there", async () => {
    const log = new CosmosAuditLog(container);
    const first = await log.append("demand-new-chain", step(0, "received"), { newChain: true });
    expect(first.seq).toBe(0);
    // Another instance expected the same chain to be new: it must land after the entry above, linked to it.
    const second = await new CosmosAuditLog(container).append("demand-new-chain", step(1, "validated"), { newChain: true });
    expect(second).toMatchObject({ seq: 1, prevHash: first.hash });
  });

  it("R12: appends an entry with an idempotency key once: a retry on the same instance, on a new one, and on one that remembers less answer the first entry", async () => {
    const log = new CosmosAuditLog(container);
    await log.append("demand-once", step(0, "received"), { newChain: true });
    const behind = new CosmosAuditLog(container);
    await behind.append("demand-once", step(1, "validated")); // remembers entry 1 only
    const first = await log.append("demand-once", step(2, "approved"), { once: "demand-once:audit:approved" });
    await log.append("demand-once", step(3, "noticed"));
    for (const retry of [log, new CosmosAuditLog(container), behind]) {
      expect(await retry.append("demand-once", step(2, "approved"), { once: "demand-once:audit:approved" })).toEqual(first);
    }
    const entries = await log.list("demand-once");
    expect(entries.map((e) => e.step)).toEqual(["received", "validated", "approved", "noticed"]);
    expect(verifyChain(entries)).toMatchObject({ ok: true, length: 4 });
    // The key is kept beside the entry, not in it: the listed entries are exactly what was hashed.
    expect(entries[2]).toEqual(first);
    expect(Object.keys(entries[2]!)).not.toContain("onceKey");
  });

  it("R12: two instances appending the same keyed step at once leave one entry, and both answer it", async () => {
    await new CosmosAuditLog(container).append("demand-once-race", step(0, "received"));
    const [a, b] = [new CosmosAuditLog(container), new CosmosAuditLog(container)];
    await a.list("demand-once-race");
    await b.list("demand-once-race");
    const answers = await Promise.all([a, b, a, b].map((log, i) => log.append("demand-once-race", step(1 + i, "closed"), { once: "demand-once-race:close:audit" })));
    const entries = await a.list("demand-once-race");
    expect(entries.map((e) => e.step)).toEqual(["received", "closed"]);
    for (const answer of answers) expect(answer).toEqual(entries[1]);
  });

  it("audits a keyed step with one write and no read once the instance knows the chain", async () => {
    let reads = 0;
    let queries = 0;
    const counting = new Proxy(container, {
      get: (target, key) => {
        if (key === "item") return (...args: unknown[]) => ((reads += 1), (target.item as (...a: unknown[]) => unknown).apply(target, args));
        if (key === "items") return new Proxy(target.items, { get: (items, k) => (k === "query" ? (...args: unknown[]) => ((queries += 1), (items.query as (...a: unknown[]) => unknown)(...args)) : Reflect.get(items, k, items)) });
        return Reflect.get(target, key, target);
      },
    });
    const log = new CosmosAuditLog(counting as Container);
    await log.append("demand-once-cost", step(0, "received"), { newChain: true });
    for (let i = 1; i <= 5; i += 1) await log.append("demand-once-cost", step(i, `step-${i}`), { once: `demand-once-cost:audit:${i}` });
    expect({ reads, queries }).toEqual({ reads: 0, queries: 0 });
    // A new instance reads the chain once (one query), then knows every key in it.
    const fresh = new CosmosAuditLog(counting as Container);
    for (let i = 1; i <= 6; i += 1) await fresh.append("demand-once-cost", step(i, `step-${i}`), { once: `demand-once-cost:audit:${i}` });
    expect(queries).toBe(1);
    expect((await log.list("demand-once-cost")).map((e) => e.step)).toEqual(["received", "step-1", "step-2", "step-3", "step-4", "step-5", "step-6"]);
  });

  it("lists the demand and time of every entry in a time window", async () => {
    const log = new CosmosAuditLog(container);
    await log.append("demand-window", { at: "2026-04-02T00:00:00.000Z", actor: "system", step: "early" });
    await log.append("demand-window", { at: "2026-04-02T23:59:59.999Z", actor: "system", step: "late" });
    await log.append("demand-outside", { at: "2026-04-03T00:00:00.000Z", actor: "system", step: "next-day" });
    await log.append("demand-outside", { at: "2026-04-01T23:59:59.999Z", actor: "system", step: "day-before" });
    const listed = await log.listEntryTimesBetween("2026-04-02T00:00:00.000Z", "2026-04-03T00:00:00.000Z");
    expect(listed.sort((a, b) => a.at.localeCompare(b.at))).toEqual([
      { demandId: "demand-window", at: "2026-04-02T00:00:00.000Z" },
      { demandId: "demand-window", at: "2026-04-02T23:59:59.999Z" },
    ]);
  });
});

describe("daily checkpoints", () => {
  it("are written once to the blob, signed, and catch a chain later rewritten in Cosmos with consistent hashes", async () => {
    const log = new CosmosAuditLog(container);
    const store = new BlobCheckpointStore(blobs);
    const day = (h: number, name: string) => ({ at: `2026-05-10T${String(h).padStart(2, "0")}:00:00.000Z`, actor: "system", step: name });
    await log.append("ck-a", day(9, "received"));
    await log.append("ck-a", day(10, "validated"));
    await log.append("ck-b", day(11, "received"));
    await log.append("ck-a", { ...day(0, "next-day-step"), at: "2026-05-11T08:00:00.000Z" });

    const outcome = await writeDailyCheckpoint({ audit: log, checkpoints: store, signer: keyring }, "2026-05-10");
    expect(outcome.status).toBe("written");
    const stored = Checkpoint.parse(JSON.parse((await store.get("2026-05-10")) ?? "null"));
    expect(stored.heads.map((h) => [h.demandId, h.length])).toEqual([["ck-a", 2], ["ck-b", 1]]);
    expect(verifyCheckpoint(stored, await keyring.getSigningPublicKeyPem())).toEqual({ ok: true });
    expect(await writeDailyCheckpoint({ audit: log, checkpoints: store, signer: keyring }, "2026-05-10")).toEqual({ status: "exists" });
    expect(await store.putIfAbsent("2026-05-10", "{}")).toBe(false);
    expect(await store.get("2026-05-10")).toContain(stored.signature);

    // An operator rewrites the first entry and recomputes every later hash directly in Cosmos.
    const entries = await log.list("ck-a");
    const rewritten = entries.map((e) => ({ ...e }));
    rewritten[0]!.step = "rejected";
    for (let i = 0; i < rewritten.length; i += 1) {
      if (i > 0) rewritten[i]!.prevHash = rewritten[i - 1]!.hash;
      rewritten[i]!.hash = hashEntry(rewritten[i]!);
      await container.item(rewritten[i]!.id, "ck-a").replace(rewritten[i]!);
    }
    const reread = await log.list("ck-a");
    expect(verifyChain(reread).ok).toBe(true);
    expect(verifyAgainstCheckpoint("ck-a", reread, stored)).toEqual({ ok: false, problem: "head mismatch", checkpointedLength: 2 });
    expect(verifyAgainstCheckpoint("ck-b", await log.list("ck-b"), stored)).toMatchObject({ ok: true, covered: true });
  });

  it("leave out and report a chain that is already broken", async () => {
    const log = new CosmosAuditLog(container);
    const entry = await log.append("ck-broken", { at: "2026-06-01T10:00:00.000Z", actor: "system", step: "received" });
    await container.item(entry.id, "ck-broken").replace({ ...entry, step: "edited" });
    const store = new BlobCheckpointStore(blobs);
    const outcome = await writeDailyCheckpoint({ audit: log, checkpoints: store, signer: keyring }, "2026-06-01");
    expect(outcome).toMatchObject({ status: "written", broken: [{ demandId: "ck-broken", brokenAt: 0, problem: "hash mismatch" }] });
    expect(outcome.status === "written" && outcome.checkpoint.treeSize).toBe(0);
  });

  it("R12: a stored entry edited into a shape an append could never write is reported where it breaks; the other chains are still checkpointed", async () => {
    const log = new CosmosAuditLog(container);
    const entry = await log.append("ck-misshapen", { at: "2026-06-02T10:00:00.000Z", actor: "system", step: "received" });
    await log.append("ck-misshapen", { at: "2026-06-02T10:05:00.000Z", actor: "system", step: "validated" });
    await log.append("ck-healthy", { at: "2026-06-02T11:00:00.000Z", actor: "system", step: "received" });
    // Someone with write access to the store rewrites a step by hand, in a form the entry schema does not allow.
    await container.item(entry.id, "ck-misshapen").replace({ ...entry, step: "Approved by hand" });
    const listed = await log.list("ck-misshapen");
    expect(verifyChain(listed, "ck-misshapen")).toEqual({ ok: false, brokenAt: 0, problem: "hash mismatch" });
    const outcome = await writeDailyCheckpoint({ audit: log, checkpoints: new BlobCheckpointStore(blobs), signer: keyring }, "2026-06-02");
    expect(outcome).toMatchObject({ status: "written", broken: [{ demandId: "ck-misshapen", brokenAt: 0, problem: "hash mismatch" }] });
    expect(outcome.status === "written" && outcome.checkpoint.heads.map((h) => h.demandId)).toEqual(["ck-healthy"]);
  });

  it("R12: a step written after its day's checkpoint (an activity retried past midnight) is timed when written, so the next day's checkpoint covers it", async () => {
    let now = new Date("2031-05-01T23:50:00.000Z");
    const log = new CosmosAuditLog(container, undefined, () => now);
    const deps = { audit: log, checkpoints: new BlobCheckpointStore(blobs), signer: keyring };
    await log.append("ck-late-retry", { at: now.toISOString(), actor: "system", step: "outcome" });
    await writeDailyCheckpoint(deps, "2031-05-01");
    // The closing step was decided at 23:55, but its activity kept failing and its retry ran at 00:31, after the checkpoint.
    now = new Date("2031-05-02T00:31:00.000Z");
    const closed = await log.append("ck-late-retry", { at: "2031-05-01T23:55:00.000Z", actor: "system", step: "closed" });
    expect(closed.at).toBe("2031-05-02T00:31:00.000Z");
    const next = await writeDailyCheckpoint(deps, "2031-05-02");
    expect(next.status === "written" && next.checkpoint.heads.find((h) => h.demandId === "ck-late-retry")).toMatchObject({ length: 2, head: closed.hash });
  });
});
