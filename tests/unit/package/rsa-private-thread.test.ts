import { constants, createHash, generateKeyPairSync, publicEncrypt, randomBytes, verify } from "node:crypto";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pssEncodeDigest } from "../../../shared/adapters/keys/pss-sign-digest";
import { RsaPrivateThread } from "../../../shared/adapters/keys/rsa-private-thread";

const pair = (bits: number) => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  return { pem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey };
};

describe("RSA private-key operations on their own thread (the local keyring's)", () => {
  const thread = new RsaPrivateThread();
  const [a, b] = [pair(2048), pair(3072)];

  it("signs a digest as PS256: the raw operation over its PSS encoding verifies against the message", async () => {
    for (const key of [a, b]) {
      const message = Buffer.from("checkpoint of 2026-11-30");
      const digest = createHash("sha256").update(message).digest();
      const signature = await thread.raw(key.pem, pssEncodeDigest(key.publicKey.asymmetricKeyDetails!.modulusLength!, digest));
      expect(verify("sha256", message, { key: key.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature)).toBe(true);
    }
  });

  it("answers many operations of both kinds and keys sent at once, each with its own result", async () => {
    const dataKeys = Array.from({ length: 12 }, () => randomBytes(32));
    const answers = await Promise.all(
      dataKeys.map((dataKey, i) => {
        const key = i % 2 === 0 ? a : b;
        return thread.oaep256(key.pem, publicEncrypt({ key: key.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, dataKey));
      }),
    );
    expect(answers).toEqual(dataKeys);
  });

  it("answers nothing for a wrapped key this key does not open, and fails with a message naming no key material for an unreadable key", async () => {
    const wrapped = publicEncrypt({ key: a.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, randomBytes(32));
    expect(await thread.oaep256(b.pem, wrapped)).toBeUndefined();
    const broken = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n";
    const failure: unknown = await thread.raw(broken, Buffer.alloc(256)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^RSA private-key operation failed/);
    expect((failure as Error).message).not.toContain("BEGIN");
  });

  it("fails what was asked of a thread that stopped, and starts a new one for the next call", async () => {
    // Many asks, so some are still queued when the thread stops (one alone may be answered before terminate lands).
    const asked = Array.from({ length: 64 }, () => thread.raw(a.pem, pssEncodeDigest(2048, Buffer.alloc(32))));
    await (thread as unknown as { thread: { worker: { terminate(): Promise<number> } } }).thread.worker.terminate();
    const settled = await Promise.allSettled(asked);
    const failures = settled.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(String(failure.reason)).toMatch(/stopped/);
    const digest = createHash("sha256").update("after").digest();
    const signature = await thread.raw(a.pem, pssEncodeDigest(2048, digest));
    expect(verify("sha256", Buffer.from("after"), { key: a.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature)).toBe(true);
  });

  it("keeps a process alive while an answer is awaited, and not after: a command that signs prints and exits", () => {
    const script = path.join(__dirname, "fixtures", "sign-then-exit.ts");
    const run = spawnSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8", timeout: 20_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("signed 256");
  }, 30_000);
});
