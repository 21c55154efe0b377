import { createDecipheriv, createHash } from "node:crypto";
import { blake3 } from "@napi-rs/blake-hash";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { PackageHeader, TAG_BYTES, type WrappedKeyFile } from "../../../shared/package/format";
import { HASH_BATCH_BYTES } from "../../../shared/package/item-hasher";
import { PackageError } from "../../../shared/package/package-error";
import { unwrapWithPrivateKey } from "../../../shared/package/recipient-key";
import { derivePayloadKey } from "../../../shared/package/stream-cipher";
import {
  TEST_SEGMENT_SIZE,
  createTestKeys,
  itemBytes,
  openBytesToDir,
  payloadOffset,
  segmentCount,
  segmentRange,
  sealToBytes,
  verifyBytes,
  type TestKeys,
} from "./package-fixtures";

// Many times the size past which an item is hashed on the hash thread, with a small item (hashed on the calling
// thread) before it, so both paths are exercised when sealing and when opening. Format version 2 (SHA-256), whose
// packages readers still open; version 3 (BLAKE3, on the calling thread) is checked at the end.
const big = itemBytes(12 * HASH_BATCH_BYTES + 12_345, "big");
let keys: TestKeys;
let sealed: { bytes: Buffer; keyFile: WrappedKeyFile };

beforeAll(async () => {
  keys = await createTestKeys();
  sealed = await sealToBytes(keys, items(), 2);
}, 60_000);

function items() {
  return [
    { path: "small.txt", category: "content_mail" as const, source: "exchange", content: Readable.from([Buffer.from("hello")]) },
    // 64 KiB + 7 bytes per chunk: records straddle segments, and some runs are encrypted straight from the chunk.
    { path: "big.bin", category: "content_files" as const, source: "onedrive", content: Readable.from(chunks(big, 64 * 1024 + 7)) },
  ];
}

function chunks(bytes: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) parts.push(bytes.subarray(offset, offset + size));
  return parts;
}

async function expectFailure(bytes: Buffer, code: PackageError["code"], message: string): Promise<void> {
  const error = await verifyBytes(keys, bytes, sealed.keyFile).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(PackageError);
  expect((error as PackageError).code).toBe(code);
  expect((error as PackageError).message).toBe(message);
}

describe("a package with an item hashed on the hash thread", () => {
  it("round-trips byte for byte as format version 3 too, with the item's BLAKE3", async () => {
    const v3 = await sealToBytes(keys, items());
    const verified = await verifyBytes(keys, v3.bytes, v3.keyFile);
    expect(verified.manifest.items[1]).toMatchObject({ path: "big.bin", size: big.length, blake3: blake3(big).toString("hex") });
    const outDir = await mkdtemp(join(tmpdir(), "lrw-large-v3-"));
    await openBytesToDir(keys, v3.bytes, v3.keyFile, outDir);
    expect((await readFile(join(outDir, "big.bin"))).equals(big)).toBe(true);
  });

  it("round-trips byte for byte, with the manifest's size and hash", async () => {
    expect(segmentCount(sealed.bytes) * TEST_SEGMENT_SIZE).toBeGreaterThan(big.length);
    const verified = await verifyBytes(keys, sealed.bytes, sealed.keyFile);
    expect(verified.manifest.items[1]).toMatchObject({ path: "big.bin", size: big.length, sha256: createHash("sha256").update(big).digest("hex") });
    const outDir = await mkdtemp(join(tmpdir(), "lrw-large-"));
    await openBytesToDir(keys, sealed.bytes, sealed.keyFile, outDir);
    expect((await readFile(join(outDir, "big.bin"))).equals(big)).toBe(true);
  });

  it("has every segment decrypt with plain AES-256-GCM under the format's key, nonce and final flag", async () => {
    const headerLength = sealed.bytes.readUInt32BE(8);
    const headerBytes = sealed.bytes.subarray(0, 12 + headerLength);
    const header = PackageHeader.parse(JSON.parse(headerBytes.subarray(12).toString("utf8")));
    const payloadKey = derivePayloadKey(unwrapWithPrivateKey(header, keys.recipientPrivateKey, sealed.keyFile), createHash("sha256").update(headerBytes).digest());
    const count = segmentCount(sealed.bytes);
    const plaintext: Buffer[] = [];
    for (let index = 0; index < count; index += 1) {
      const { start, end } = segmentRange(sealed.bytes, index);
      const nonce = Buffer.concat([Buffer.from(header.noncePrefix, "base64"), Buffer.from([index >>> 24, (index >>> 16) & 255, (index >>> 8) & 255, index & 255, index === count - 1 ? 1 : 0])]);
      const decipher = createDecipheriv("aes-256-gcm", payloadKey, nonce);
      decipher.setAuthTag(sealed.bytes.subarray(end - TAG_BYTES, end));
      plaintext.push(decipher.update(sealed.bytes.subarray(start, end - TAG_BYTES)), decipher.final());
    }
    expect(payloadOffset(sealed.bytes) + count * (TEST_SEGMENT_SIZE + TAG_BYTES)).toBe(sealed.bytes.length);
    expect(Buffer.concat(plaintext).includes(big.subarray(big.length - 4096))).toBe(true);
  });

  it("reports a changed byte in a late segment at that segment", async () => {
    const index = segmentCount(sealed.bytes) - 20;
    const bytes = Buffer.from(sealed.bytes);
    const at = segmentRange(bytes, index).start + 5;
    bytes[at] = (bytes[at] as number) ^ 1;
    await expectFailure(bytes, "SEGMENT_AUTH_FAILED", `segment ${index} failed authentication`);
  });

  it("reports the earliest failure first even when a later one was read ahead", async () => {
    const index = segmentCount(sealed.bytes) - 5;
    const bytes = Buffer.from(sealed.bytes.subarray(0, sealed.bytes.length - 100));
    const at = segmentRange(bytes, index).start;
    bytes[at] = (bytes[at] as number) ^ 1;
    await expectFailure(bytes, "SEGMENT_AUTH_FAILED", `segment ${index} failed authentication`);
  });

  it("reports a cut at a late segment boundary, a cut inside the last segment and appended data", async () => {
    const count = segmentCount(sealed.bytes);
    await expectFailure(sealed.bytes.subarray(0, segmentRange(sealed.bytes, count - 3).end), "TRUNCATED", `package truncated after segment ${count - 3}`);
    await expectFailure(sealed.bytes.subarray(0, sealed.bytes.length - 1), "TRUNCATED", `package truncated inside segment ${count - 1}`);
    const extended = Buffer.concat([sealed.bytes, sealed.bytes.subarray(segmentRange(sealed.bytes, count - 2).start, segmentRange(sealed.bytes, count - 2).end)]);
    await expectFailure(extended, "TRAILING_DATA", `unexpected data after the final segment ${count - 1}`);
  });
});
