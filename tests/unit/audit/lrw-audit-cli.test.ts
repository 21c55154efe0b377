import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildUnsignedCheckpoint, checkpointHash, signCheckpoint } from "../../../shared/audit/checkpoint";
import { hashEntry } from "../../../shared/audit/hash-entry";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import { aChain } from "./audit-chain-fixtures";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "lrw-audit-cli-"));
const chain = aChain("demand-cli", 4);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "bin/lrw-audit.ts", ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function write(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}

beforeAll(async () => {
  const keyring = new LocalKeyring({ directory: join(dir, "keys"), modulusLength: 2048 });
  write("checkpoint.json", await signCheckpoint(buildUnsignedCheckpoint("2026-03-01", [{ demandId: "demand-cli", length: 3, head: chain[2]!.hash }]), keyring));
  write("signing.pem", await keyring.getSigningPublicKeyPem());
});

describe("lrw-audit verify", () => {
  it("verifies an exported chain (as the GET answer shapes it) and exits 0", async () => {
    const result = await cli("verify", write("ok.json", { demandId: "demand-cli", entries: chain, verification: {} }));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`4 entries verify, head ${chain[3]!.hash}`);
    expect(result.stdout).toContain("VERIFIED");
  });

  it("names the first broken link and exits 1", async () => {
    const tampered = chain.map((e, i) => (i === 2 ? { ...e, step: "approved" } : e));
    const result = await cli("verify", write("bad.json", tampered), "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, chain: { ok: false, brokenAt: 2, problem: "hash mismatch" } });
  });

  it("catches a consistently rehashed rewrite with a checkpoint", async () => {
    const rewritten = chain.map((e) => ({ ...e }));
    rewritten[0]!.step = "forged";
    for (let i = 0; i < rewritten.length; i += 1) {
      if (i > 0) rewritten[i]!.prevHash = rewritten[i - 1]!.hash;
      rewritten[i]!.hash = hashEntry(rewritten[i]!);
    }
    const checkpointArgs = ["--checkpoint", join(dir, "checkpoint.json"), "--public-key", join(dir, "signing.pem")];
    expect((await cli("verify", write("orig.json", chain), ...checkpointArgs)).stdout).toContain("consistent with the checkpoint (first 3 entries)");
    const result = await cli("verify", write("rewritten.json", rewritten), ...checkpointArgs);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("INCONSISTENT with the checkpoint: head mismatch");
  });

  it("exits 2 on usage errors and malformed input", async () => {
    expect((await cli("check", "x.json")).code).toBe(2);
    expect((await cli("verify", write("junk.json", "{not json"))).code).toBe(2);
    const malformed = await cli("verify", write("malformed.json", [{ seq: "zero" }]));
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("not in the expected format");
  });
});

describe("lrw-audit verify-checkpoints across a rotation of the signing key", () => {
  it("R12: verifies days signed by the old and the new key version, given both published keys", async () => {
    // docs/deploy.md §8: after a rotation the new public key is published to verifiers alongside the old one.
    const keyring = new LocalKeyring({ directory: join(dir, "rotating-keys"), modulusLength: 2048 });
    const first = await signCheckpoint(buildUnsignedCheckpoint("2026-04-01", []), keyring);
    const oldPem = write("old.pem", await keyring.getSigningPublicKeyPem());
    await keyring.rotate("package-signing");
    const newPem = write("new.pem", await keyring.getSigningPublicKeyPem());
    const second = await signCheckpoint(buildUnsignedCheckpoint("2026-04-02", [], { date: "2026-04-01", hash: checkpointHash(first) }), keyring);
    const days = [write("r1.json", first), write("r2.json", second)];
    const result = await cli("verify-checkpoints", "--public-key", oldPem, "--public-key", newPem, ...days);
    expect(result.stdout).toContain("2 daily checkpoints 2026-04-01 to 2026-04-02 verify as a chain");
    expect(result.code).toBe(0);
    // A run with only one of the keys still fails on the other key's day.
    expect((await cli("verify-checkpoints", "--public-key", newPem, ...days)).code).toBe(1);
  });
});
