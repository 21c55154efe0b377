import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { ContainerClient } from "@azure/storage-blob";
import { makeAuditCheckpointTimer } from "../../../functions/handlers/audit-checkpoint-timer";
import { makeVerifyAuditHandler, type AuditHandlerDeps } from "../../../functions/handlers/audit-trail-handlers";
import { BlobCheckpointStore } from "../../../shared/adapters/blob/blob-checkpoint-store";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosAuditLog } from "../../../shared/adapters/cosmos/cosmos-audit-log";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import { buildUnsignedCheckpoint, Checkpoint, checkpointHash, signCheckpoint } from "../../../shared/audit/checkpoint";
import type { AuditLog } from "../../../shared/ports/audit-log";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { openTestContainer, openTestDatabase } from "../../support/test-stores";

const keyring = new LocalKeyring({ directory: mkdtempSync(join(tmpdir(), "lrw-ckpt-chain-")), modulusLength: 2048 });
const tick = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: "", next: "", lastUpdated: "" } };

let deps: AuditHandlerDeps;
let blobs: ContainerClient;

/** Runs the checkpoint timer at `iso`; answers how many times it queried the log for the entries of a time span. */
async function runTimerAt(iso: string): Promise<number> {
  let spanQueries = 0;
  const audit: AuditLog = {
    append: (...args) => deps.audit.append(...args),
    list: (demandId) => deps.audit.list(demandId),
    firstEntryAt: () => deps.audit.firstEntryAt(),
    listEntryTimesBetween: (from, to) => {
      spanQueries += 1;
      return deps.audit.listEntryTimesBetween(from, to);
    },
  };
  await makeAuditCheckpointTimer(async () => ({ ...deps, audit, now: () => new Date(iso) }))(tick, aContext());
  return spanQueries;
}

async function stored(date: string): Promise<Checkpoint | null> {
  const json = await deps.checkpoints.get(date);
  return json === null ? null : Checkpoint.parse(JSON.parse(json));
}

beforeAll(async () => {
  const database = await openTestDatabase();
  blobs = await openTestContainer("ckpt-chain");
  deps = { audit: new CosmosAuditLog(database.container(COSMOS_CONTAINERS.audit.id)), checkpoints: new BlobCheckpointStore(blobs), signer: keyring, maxBodyBytes: 1024 * 1024 };
  for (const [day, step] of [["01", "received"], ["02", "validated"], ["04", "approved"], ["05", "closed"]] as const) {
    await deps.audit.append("demand-c", { at: `2026-07-${day}T12:00:00.000Z`, actor: "system", step });
  }
});

describe("daily audit checkpoints: every day since the last one, chained", () => {
  it("catches up every day since the first entry, then every day the timer missed, each committing to the day before", async () => {
    await runTimerAt("2026-07-03T00:05:00Z");
    expect((await stored("2026-07-01"))?.heads).toEqual([expect.objectContaining({ demandId: "demand-c", length: 1 })]);
    expect((await stored("2026-07-02"))?.heads).toEqual([expect.objectContaining({ demandId: "demand-c", length: 2 })]);
    // The timer misses 07-04 and 07-05 (host down); the next run checkpoints 07-03 (an empty day) to 07-05, with one
    // query over the three days for the chains active on each (a query per day scans the whole log three times).
    expect(await runTimerAt("2026-07-06T00:05:00Z")).toBe(1);
    const days = ["2026-07-01", "2026-07-02", "2026-07-03", "2026-07-04", "2026-07-05"];
    const checkpoints = await Promise.all(days.map(stored));
    expect(checkpoints.map((c) => c?.treeSize)).toEqual([1, 1, 0, 1, 1]);
    expect(checkpoints[0]?.previous).toBeNull();
    for (let i = 1; i < days.length; i += 1) {
      expect(checkpoints[i]?.previous).toEqual({ date: days[i - 1], hash: checkpointHash(checkpoints[i - 1]!) });
    }
  });

  it("verification catches an old day rewritten and re-signed (the next day no longer commits to it)", async () => {
    const verify = (body: unknown) => makeVerifyAuditHandler(async () => deps)(aJsonPost(body), aContext());
    expect(jsonOf(await verify({ demandId: "demand-c" })).checkpointChain).toMatchObject({ ok: true, from: "2026-07-01", to: "2026-07-05" });
    const original = (await stored("2026-07-02"))!;
    const forged = await signCheckpoint(buildUnsignedCheckpoint("2026-07-02", [], original.previous ?? null), keyring);
    await blobs.getBlockBlobClient("checkpoints/2026-07-02.json").upload(JSON.stringify(forged), JSON.stringify(forged).length);
    expect(jsonOf(await verify({ demandId: "demand-c" })).checkpointChain).toMatchObject({ ok: false, date: "2026-07-03", problem: "previous mismatch" });
    const supplied = await Promise.all(["2026-07-01", "2026-07-02", "2026-07-03"].map(stored));
    expect(jsonOf(await verify({ checkpoints: supplied }))).toMatchObject({ ok: false, date: "2026-07-03", problem: "previous mismatch" });
    expect(jsonOf(await verify({ checkpoints: [supplied[0], original, supplied[2]] }))).toMatchObject({ ok: true, from: "2026-07-01", to: "2026-07-03" });

    const dir = mkdtempSync(join(tmpdir(), "lrw-ckpt-cli-"));
    const file = (name: string, value: unknown) => {
      writeFileSync(join(dir, name), typeof value === "string" ? value : JSON.stringify(value));
      return join(dir, name);
    };
    const key = file("signing.pem", await keyring.getSigningPublicKeyPem());
    const cli = async (...args: string[]) => {
      try {
        const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "bin/lrw-audit.ts", ...args], { cwd: process.cwd() });
        return { code: 0, stdout };
      } catch (error) {
        return error as { code: number; stdout: string };
      }
    };
    const good = await cli("verify-checkpoints", "--public-key", key, file("a.json", supplied[0]), file("b.json", original), file("c.json", supplied[2]));
    expect(good.code).toBe(0);
    const bad = await cli("verify-checkpoints", "--public-key", key, file("a.json", supplied[0]), file("f.json", forged), file("c.json", supplied[2]));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("2026-07-03");
    expect(bad.stdout).toContain("previous mismatch");
  });

  it("reads a backlog longer than a month a month of days at a time, and still chains every day", async () => {
    await deps.audit.append("demand-d", { at: "2026-08-01T08:00:00.000Z", actor: "system", step: "received" });
    // 07-06 to 08-14 is forty days: two spans of at most 31 days.
    expect(await runTimerAt("2026-08-15T00:05:00Z")).toBe(2);
    const august = await stored("2026-08-01");
    expect(august?.heads).toEqual([expect.objectContaining({ demandId: "demand-d", length: 1 })]);
    expect(august?.previous).toEqual({ date: "2026-07-31", hash: checkpointHash((await stored("2026-07-31"))!) });
    expect((await stored("2026-08-14"))?.treeSize).toBe(0);
  });
});
