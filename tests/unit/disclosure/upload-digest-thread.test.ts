import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { UploadDigestThread } from "../../../shared/adapters/blob/upload-digest-thread";

function owned(bytes: Buffer): Buffer {
  const copy = Buffer.from(new ArrayBuffer(bytes.length));
  bytes.copy(copy);
  return copy;
}

const md5 = (bytes: Buffer) => createHash("md5").update(bytes).digest();
const sha256 = (...parts: Buffer[]) => parts.reduce((hash, part) => hash.update(part), createHash("sha256")).digest("hex");

describe("the upload digest thread", () => {
  it("answers each block's MD5 with the block, and each upload's SHA-256 over its blocks in order, uploads interleaved", async () => {
    const thread = new UploadDigestThread();
    const a = thread.begin();
    const b = thread.begin();
    const blocks = [Buffer.alloc(3000, 1), Buffer.alloc(5000, 2), Buffer.from("last block of a"), Buffer.alloc(1, 9)];
    const [a1, b1, a2, b2] = await Promise.all([
      thread.block(a, owned(blocks[0]!), true),
      thread.block(b, owned(blocks[3]!), true),
      thread.block(a, owned(blocks[1]!), false),
      thread.block(b, owned(blocks[2]!), false),
    ]);
    expect([a1, b1, a2, b2].map((r) => r.md5)).toEqual([md5(blocks[0]!), md5(blocks[3]!), md5(blocks[1]!), md5(blocks[2]!)]);
    expect(a2.block.equals(blocks[1]!)).toBe(true);
    expect(await thread.finish(a)).toBe(sha256(blocks[0]!, blocks[1]!));
    expect(await thread.finish(b)).toBe(sha256(blocks[3]!, blocks[2]!));
  });

  it("never answers a digest for an upload it holds no state for (begun on a thread that stopped, or forgotten)", async () => {
    const thread = new UploadDigestThread();
    const upload = thread.begin();
    await expect(thread.block(upload, owned(Buffer.alloc(10)), false)).rejects.toThrow(/digest thread that has stopped/);
    await thread.block(upload, owned(Buffer.alloc(10)), true);
    thread.forget(upload);
    await expect(thread.finish(upload)).rejects.toThrow(/digest thread that has stopped/);
  });

  it("refuses a block that shares its memory (a slice of a pooled buffer would take its neighbours with it)", async () => {
    const thread = new UploadDigestThread();
    await expect(thread.block(thread.begin(), Buffer.from("pooled"), true)).rejects.toThrow(/own its memory/);
  });
});
