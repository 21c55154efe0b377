import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Container } from "@azure/cosmos";
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuditCheckpointTimer, previousUtcDate } from "../../../functions/handlers/audit-checkpoint-timer";
import { makeGetAuditTrailHandler, makeVerifyAuditHandler, type AuditHandlerDeps } from "../../../functions/handlers/audit-trail-handlers";
import { BlobCheckpointStore } from "../../../shared/adapters/blob/blob-checkpoint-store";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosAuditLog } from "../../../shared/adapters/cosmos/cosmos-audit-log";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import type { AuditEntry } from "../../../shared/audit/audit-entry";
import { hashEntry } from "../../../shared/audit/hash-entry";
import { aContext, aJsonPost, aRequest, jsonOf } from "../../support/http";
import { openTestContainer, openTestDatabase } from "../../support/test-stores";

let deps: AuditHandlerDeps;
let container: Container;
const keyring = new LocalKeyring({ directory: mkdtempSync(join(tmpdir(), "lrw-audit-h-")), modulusLength: 2048 });

beforeAll(async () => {
  container = (await openTestDatabase()).container(COSMOS_CONTAINERS.audit.id);
  deps = { audit: new CosmosAuditLog(container), checkpoints: new BlobCheckpointStore(await openTestContainer("ckpt")), signer: keyring, maxBodyBytes: 1024 * 1024 };
  for (const [i, step] of ["received", "validated", "approved"].entries()) {
    await deps.audit.append("demand-h", { at: `2026-07-0${i + 1}T12:00:00.000Z`, actor: i === 2 ? "reviewer:r-1" : "system", step });
  }
  const timer = makeAuditCheckpointTimer(async () => ({ ...deps, now: () => new Date("2026-07-03T00:05:00Z") }));
  await timer({ isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: "", next: "", lastUpdated: "" } }, aContext());
});

describe("GET /api/demands/{id}/audit", () => {
  it("returns the chain, its verification and the check against each day's checkpoint", async () => {
    const response = await makeGetAuditTrailHandler(async () => deps)(aRequest({ params: { id: "demand-h" } }), aContext());
    expect(response.status).toBe(200);
    const body = jsonOf(response);
    expect((body.entries as AuditEntry[]).map((e) => e.step)).toEqual(["received", "validated", "approved"]);
    expect(body.verification).toMatchObject({ ok: true, length: 3 });
    // The timer at 07-03 checkpointed every day since the first entry: 07-01 and 07-02.
    expect(body.checkpoints).toEqual([
      { date: "2026-07-01", signature: { ok: true }, consistency: { ok: true, covered: true, checkpointedLength: 1 } },
      { date: "2026-07-02", signature: { ok: true }, consistency: { ok: true, covered: true, checkpointedLength: 2 } },
    ]);
    expect(body.checkpointChain).toMatchObject({ ok: true, from: "2026-07-01", to: "2026-07-02", length: 2 });
  });

  it("answers 404 for a demand without entries", async () => {
    const response = await makeGetAuditTrailHandler(async () => deps)(aRequest({ params: { id: "none" } }), aContext());
    expect(response.status).toBe(404);
  });
});

describe("POST /api/audit/verify", () => {
  const verify = (body: unknown) => makeVerifyAuditHandler(async () => deps)(aJsonPost(body), aContext());

  it("verifies a stored chain by demand id", async () => {
    expect(jsonOf(await verify({ demandId: "demand-h" }))).toMatchObject({ demandId: "demand-h", length: 3, verification: { ok: true } });
  });

  it("answers 404 for a demand id with no chain (a mistyped id), as GET does, not 'ok' for an empty chain", async () => {
    const response = await verify({ demandId: "demand-h-typo" });
    expect(response.status).toBe(404);
    expect(jsonOf(response).type).toMatch(/not-found$/);
  });

  it("verifies a supplied export and names the first broken link", async () => {
    const entries = await deps.audit.list("demand-h");
    expect(jsonOf(await verify({ entries }))).toMatchObject({ chain: { ok: true, length: 3 } });
    const tampered = entries.map((e, i) => (i === 1 ? { ...e, actor: "admin:someone" } : e));
    expect(jsonOf(await verify({ entries: tampered }))).toMatchObject({ chain: { ok: false, brokenAt: 1, problem: "hash mismatch" } });
  });

  it("checks a supplied export against a supplied checkpoint", async () => {
    const checkpoint = JSON.parse((await deps.checkpoints.get("2026-07-02")) ?? "null") as unknown;
    const rewritten = (await deps.audit.list("demand-h")).map((e) => ({ ...e }));
    rewritten[0]!.step = "rejected";
    for (let i = 0; i < rewritten.length; i += 1) {
      if (i > 0) rewritten[i]!.prevHash = rewritten[i - 1]!.hash;
      rewritten[i]!.hash = hashEntry(rewritten[i]!);
    }
    expect(jsonOf(await verify({ entries: rewritten, checkpoint }))).toMatchObject({
      chain: { ok: true },
      checkpoint: { signature: { ok: true }, consistency: { ok: false, problem: "head mismatch" } },
    });
  });

  it("refuses a body that is neither a demand id nor entries with 400", async () => {
    expect((await verify({ entries: [{ seq: "x" }] })).status).toBe(400);
    expect((await verify({ nothing: true })).status).toBe(400);
  });
});

describe("the checkpoint timer", () => {
  it("checkpoints the previous UTC day", () => {
    expect(previousUtcDate(new Date("2026-03-01T00:05:00Z"))).toBe("2026-02-28");
  });
});
