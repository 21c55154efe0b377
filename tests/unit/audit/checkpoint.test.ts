import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../shared/audit/audit-entry";
import { hashEntry } from "../../../shared/audit/hash-entry";
import { buildUnsignedCheckpoint, headLeafData, signCheckpoint, verifyAgainstCheckpoint, verifyCheckpoint, type Checkpoint } from "../../../shared/audit/checkpoint";
import { merkleRoot } from "../../../shared/audit/merkle";
import { ExportedChain, isChainReportOk, verifyExportedChain } from "../../../shared/audit/exported-chain";
import { verifyChain } from "../../../shared/audit/verify-chain";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import { aChain } from "./audit-chain-fixtures";

const keyring = new LocalKeyring({ directory: mkdtempSync(join(tmpdir(), "lrw-ckpt-")), modulusLength: 2048 });
let publicKeyPem: string;
let checkpoint: Checkpoint;
const chainA = aChain("demand-a", 4);
const chainB = aChain("demand-b", 2);

beforeAll(async () => {
  publicKeyPem = await keyring.getSigningPublicKeyPem();
  checkpoint = await signCheckpoint(
    buildUnsignedCheckpoint("2026-03-01", [
      { demandId: "demand-b", length: 2, head: (chainB[1] as AuditEntry).hash },
      { demandId: "demand-a", length: 3, head: (chainA[2] as AuditEntry).hash },
    ]),
    keyring,
  );
});

describe("checkpoints", () => {
  it("sort heads by demand id and commit to them with an RFC 6962 root over demandId:length:head", () => {
    expect(checkpoint.heads.map((h) => h.demandId)).toEqual(["demand-a", "demand-b"]);
    expect(checkpoint.treeSize).toBe(2);
    expect(checkpoint.root).toBe(merkleRoot(checkpoint.heads.map(headLeafData)).toString("hex"));
    expect(headLeafData(checkpoint.heads[0]!).toString()).toBe(`demand-a:3:${chainA[2]!.hash}`);
  });

  it("verify with the signing key, and fail when a head, the root or the signature is altered", () => {
    expect(verifyCheckpoint(checkpoint, publicKeyPem)).toEqual({ ok: true });
    const alteredHead = { ...checkpoint, heads: checkpoint.heads.map((h, i) => (i === 0 ? { ...h, length: 2 } : h)) };
    expect(verifyCheckpoint(alteredHead, publicKeyPem)).toEqual({ ok: false, problem: "root mismatch" });
    const recomputedRoot = { ...alteredHead, root: merkleRoot(alteredHead.heads.map(headLeafData)).toString("hex") };
    expect(verifyCheckpoint(recomputedRoot, publicKeyPem)).toEqual({ ok: false, problem: "bad signature" });
    expect(verifyCheckpoint({ ...checkpoint, date: "2026-03-02" }, publicKeyPem)).toEqual({ ok: false, problem: "bad signature" });
  });

  it("accept a chain that grew after the checkpoint", () => {
    expect(verifyAgainstCheckpoint("demand-a", chainA, checkpoint)).toEqual({ ok: true, covered: true, checkpointedLength: 3 });
    expect(verifyAgainstCheckpoint("demand-c", aChain("demand-c", 1), checkpoint)).toEqual({ ok: true, covered: false });
  });

  it("catch a chain rewritten with every hash recomputed, which verifies on its own", () => {
    const rewritten = chainA.map((e) => ({ ...e }));
    rewritten[1] = { ...rewritten[1]!, step: "approved-by-nobody" };
    for (let i = 1; i < rewritten.length; i += 1) {
      rewritten[i]!.prevHash = rewritten[i - 1]!.hash;
      rewritten[i]!.hash = hashEntry(rewritten[i]!);
    }
    expect(verifyChain(rewritten).ok).toBe(true);
    expect(verifyAgainstCheckpoint("demand-a", rewritten, checkpoint)).toEqual({ ok: false, problem: "head mismatch", checkpointedLength: 3 });
  });

  it("catch a chain truncated below the checkpointed length", () => {
    expect(verifyAgainstCheckpoint("demand-a", chainA.slice(0, 2), checkpoint)).toEqual({ ok: false, problem: "truncated", checkpointedLength: 3 });
  });

  it("report the chain's own break before comparing heads", () => {
    const broken = chainA.map((e, i) => (i === 1 ? { ...e, step: "x" } : e));
    expect(verifyAgainstCheckpoint("demand-a", broken, checkpoint)).toEqual({ ok: false, problem: "hash mismatch", brokenAt: 1 });
  });

  it("keep verifying version 1 checkpoints (no previous), and a v2 checkpoint's commitment to the previous is signed", async () => {
    const { previous: _previous, ...v2 } = buildUnsignedCheckpoint("2026-03-01", checkpoint.heads);
    const v1 = await signCheckpoint({ ...v2, format: "lrw-audit-checkpoint-v1" }, keyring);
    expect(v1).not.toHaveProperty("previous");
    expect(verifyCheckpoint(v1, publicKeyPem)).toEqual({ ok: true });
    const chained = await signCheckpoint(buildUnsignedCheckpoint("2026-03-02", [], { date: "2026-03-01", hash: "a".repeat(64) }), keyring);
    expect(verifyCheckpoint(chained, publicKeyPem)).toEqual({ ok: true });
    expect(verifyCheckpoint({ ...chained, previous: { date: "2026-03-01", hash: "b".repeat(64) } }, publicKeyPem)).toEqual({ ok: false, problem: "bad signature" });
    expect(verifyCheckpoint({ ...chained, previous: null }, publicKeyPem)).toEqual({ ok: false, problem: "bad signature" });
  });
});

describe("an exported chain checked against a supplied checkpoint", () => {
  it("R12: a forged checkpoint never verifies, even next to an empty chain that names no demand", () => {
    const forged = { ...checkpoint, signature: Buffer.alloc(256, 7).toString("base64") };
    const report = verifyExportedChain(ExportedChain.parse([]), { checkpoint: forged, publicKeyPem });
    expect(report.checkpoint?.signature).toEqual({ ok: false, problem: "bad signature" });
    expect(isChainReportOk(report)).toBe(false);
  });
});
