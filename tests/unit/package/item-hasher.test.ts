import { spawnSync } from "node:child_process";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { HASH_BATCH_BYTES, ItemHasher } from "../../../shared/package/item-hasher";

const hashers: ItemHasher[] = [];

afterEach(async () => {
  for (const hasher of hashers.splice(0)) await hasher.close();
});

function newHasher(): ItemHasher {
  const hasher = new ItemHasher();
  hashers.push(hasher);
  return hasher;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Feeds `bytes` in pieces of `piece` bytes through one shared buffer, which the hasher must have copied. */
async function hashInPieces(hasher: ItemHasher, bytes: Buffer, piece: number): Promise<string> {
  hasher.begin();
  const shared = Buffer.alloc(piece);
  for (let offset = 0; offset < bytes.length; offset += piece) {
    const part = bytes.subarray(offset, offset + piece);
    part.copy(shared);
    await hasher.update(shared.subarray(0, part.length));
    shared.fill(0xff);
  }
  return hasher.digest();
}

describe("ItemHasher", () => {
  // Sizes around one batch (hashed here vs on the thread) and past the batches that may be in flight at once.
  const sizes = [0, 1, HASH_BATCH_BYTES - 1, HASH_BATCH_BYTES, HASH_BATCH_BYTES + 1, 6 * HASH_BATCH_BYTES + 12_345];

  it.each(sizes)("hashes an item of %i bytes exactly like SHA-256, whatever the piece size", async (size) => {
    const bytes = randomBytes(size);
    const hasher = newHasher();
    expect(await hashInPieces(hasher, bytes, 64 * 1024 + 7)).toBe(sha256(bytes));
    expect(await hashInPieces(hasher, bytes, 3 * HASH_BATCH_BYTES)).toBe(sha256(bytes));
  });

  it("starts every item afresh, alternating items hashed here and on the thread", async () => {
    const hasher = newHasher();
    const items = [randomBytes(10), randomBytes(3 * HASH_BATCH_BYTES + 1), randomBytes(100), randomBytes(2 * HASH_BATCH_BYTES), Buffer.alloc(0)];
    const digests: string[] = [];
    for (const item of items) digests.push(await hashInPieces(hasher, item, 100_000));
    expect(digests).toEqual(items.map(sha256));
  });

  it("fails the item, not the process, when the hash thread is gone", async () => {
    const hasher = newHasher();
    hasher.begin();
    await hasher.update(randomBytes(2 * HASH_BATCH_BYTES));
    await hasher.close();
    await expect(hasher.digest()).rejects.toThrow(/hash thread stopped/);
  });

  it("keeps a process alive while a batch is hashed, and not after: a command that hashes prints the digest and exits", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "fixtures", "hash-then-exit.ts")], { encoding: "utf8", timeout: 20_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    const expected = createHash("sha256");
    for (let i = 0; i < 3; i += 1) expected.update(Buffer.alloc(1024 * 1024, i));
    expect(run.stdout.trim()).toBe(expected.digest("hex"));
  }, 30_000);
});
