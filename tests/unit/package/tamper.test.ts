import { generateKeyPairSync } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import type { WrappedKeyFile } from "../../../shared/package/format";
import { publicKeyFingerprint } from "../../../shared/package/recipient-key";
import { signBlockV2, verifySignatureBlock } from "../../../shared/package/signatures";
import { PackageError } from "../../../shared/package/package-error";
import {
  buildCraftedPackage,
  createTestKeys,
  listFiles,
  openBytesToDir,
  segmentCount,
  segmentRange,
  sealToBytes,
  standardItems,
  verifyBytes,
  type TestKeys,
} from "./package-fixtures";

let keys: TestKeys;
let sealed: { bytes: Buffer; keyFile: WrappedKeyFile };
let other: { bytes: Buffer; keyFile: WrappedKeyFile };

beforeAll(async () => {
  keys = await createTestKeys();
  sealed = await sealToBytes(keys, standardItems().map((entry) => entry.item()));
  other = await sealToBytes(keys, standardItems().map((entry) => entry.item()));
});

function copy(): Buffer {
  return Buffer.from(sealed.bytes);
}

function flipByte(bytes: Buffer, offset: number): Buffer {
  bytes[offset] = (bytes[offset] as number) ^ 0x01;
  return bytes;
}

/** Runs a broken package through verify and open; both must fail with the same precise message and open must write nothing. */
async function expectBothFail(bytes: Buffer, keyFile: WrappedKeyFile, code: PackageError["code"], message: RegExp, providerKey = keys.providerPublicKey): Promise<void> {
  const verifyError = await verifyBytes(keys, bytes, keyFile, { providerPublicKey: providerKey }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(verifyError).toBeInstanceOf(PackageError);
  expect((verifyError as PackageError).code).toBe(code);
  expect((verifyError as PackageError).message).toMatch(message);
  const outDir = await mkdtemp(join(tmpdir(), "lrw-tamper-"));
  await expect(openBytesToDir(keys, bytes, keyFile, outDir, providerKey)).rejects.toThrow(message);
  expect(await listFiles(outDir)).toEqual([]);
}

describe("a tampered package fails verify and open with the right message", () => {
  it("header byte changed: header signature invalid", async () => {
    const bytes = copy();
    const at = bytes.indexOf("SW-2026-7");
    bytes.write("SW-2026-8", at);
    await expectBothFail(bytes, sealed.keyFile, "HEADER_SIGNATURE_INVALID", /^header signature invalid$/);
  });

  it("header byte changed, signatures not checked: the payload key changes, so segment 0 fails", async () => {
    const bytes = copy();
    bytes.write("SW-2026-8", bytes.indexOf("SW-2026-7"));
    await expect(verifyBytes(keys, bytes, sealed.keyFile, { providerPublicKey: "none" })).rejects.toThrow(/^segment 0 failed authentication$/);
  });

  it("a byte inside a segment changed", async () => {
    const bytes = flipByte(copy(), segmentRange(sealed.bytes, 3).start + 100);
    await expectBothFail(bytes, sealed.keyFile, "SEGMENT_AUTH_FAILED", /^segment 3 failed authentication$/);
  });

  it("a byte of the manifest (in the final segment) changed", async () => {
    const last = segmentCount(sealed.bytes) - 1;
    const bytes = flipByte(copy(), segmentRange(sealed.bytes, last).start + 10);
    await expectBothFail(bytes, sealed.keyFile, "SEGMENT_AUTH_FAILED", new RegExp(`^segment ${last} failed authentication$`));
  });

  it("truncated at a segment boundary", async () => {
    const bytes = sealed.bytes.subarray(0, segmentRange(sealed.bytes, 5).start);
    await expectBothFail(bytes, sealed.keyFile, "TRUNCATED", /^package truncated after segment 4$/);
  });

  it("truncated inside a segment", async () => {
    const bytes = sealed.bytes.subarray(0, segmentRange(sealed.bytes, 2).start + 50);
    await expectBothFail(bytes, sealed.keyFile, "TRUNCATED", /^package truncated inside segment 2$/);
  });

  it("truncated right after the header", async () => {
    const bytes = sealed.bytes.subarray(0, segmentRange(sealed.bytes, 0).start);
    await expectBothFail(bytes, sealed.keyFile, "TRUNCATED", /^package truncated after the header/);
  });

  it("data appended after the final segment", async () => {
    const last = segmentCount(sealed.bytes) - 1;
    for (const extra of [Buffer.from("x"), other.bytes.subarray(segmentRange(other.bytes, 0).start, segmentRange(other.bytes, 0).end)]) {
      const bytes = Buffer.concat([sealed.bytes, extra]);
      await expectBothFail(bytes, sealed.keyFile, "TRAILING_DATA", new RegExp(`^unexpected data after the final segment ${last}$`));
    }
  });

  it("two segments swapped", async () => {
    const bytes = copy();
    const a = segmentRange(sealed.bytes, 1);
    const b = segmentRange(sealed.bytes, 2);
    sealed.bytes.copy(bytes, a.start, b.start, b.end);
    sealed.bytes.copy(bytes, b.start, a.start, a.end);
    await expectBothFail(bytes, sealed.keyFile, "SEGMENT_AUTH_FAILED", /^segment 1 failed authentication$/);
  });

  it("a segment swapped in from another package of the same demand and size", async () => {
    const bytes = copy();
    const target = segmentRange(sealed.bytes, 2);
    other.bytes.copy(bytes, target.start, target.start, target.end);
    await expectBothFail(bytes, sealed.keyFile, "SEGMENT_AUTH_FAILED", /^segment 2 failed authentication$/);
  });

  it("the final segment replaced by a non-final one (the true end cut off and the rest moved up)", async () => {
    const last = segmentCount(sealed.bytes) - 1;
    const bytes = Buffer.concat([sealed.bytes.subarray(0, segmentRange(sealed.bytes, last).start)]);
    await expectBothFail(bytes, sealed.keyFile, "TRUNCATED", new RegExp(`^package truncated after segment ${last - 1}$`));
  });

  it("wrong requester key", async () => {
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
    await expect(verifyBytes(keys, sealed.bytes, sealed.keyFile, { privateKey: stranger.privateKey })).rejects.toThrow(
      /^cannot unwrap the data key with this private key$/,
    );
  });

  it("a key file for another package", async () => {
    await expectBothFail(sealed.bytes, other.keyFile, "WRAPPED_KEY_FILE_INVALID", /belongs to another package/);
  });

  it("wrong provider key: header signature invalid", async () => {
    const impostor = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    await expectBothFail(sealed.bytes, sealed.keyFile, "HEADER_SIGNATURE_INVALID", /^header signature invalid: signed by sha256:[0-9a-f]{64}, not by the trusted provider key sha256:[0-9a-f]{64}$/, impostor);
  });

  it("version 2 signatures cover the block's key id and algorithm, not only the signed data", async () => {
    const data = Buffer.from("header hash stand-in");
    const block = await signBlockV2(keys.keyring, "header", data);
    expect(block.keyId).toBe(publicKeyFingerprint(keys.providerPublicKey));
    expect(verifySignatureBlock(2, "header", data, block, keys.providerPublicKey)).toBe(true);
    expect(verifySignatureBlock(2, "header", data, { ...block, keyId: `${block.keyId}0` }, keys.providerPublicKey)).toBe(false);
    expect(verifySignatureBlock(2, "manifest", data, block, keys.providerPublicKey)).toBe(false);
    expect(verifySignatureBlock(1, "header", data, block, keys.providerPublicKey)).toBe(false);
  });

  it("manifest signed by another key: manifest signature invalid", async () => {
    const impostor = new LocalKeyring({ directory: await mkdtemp(join(tmpdir(), "lrw-impostor-")), modulusLength: 2048 });
    const crafted = await buildCraftedPackage(keys, [{ start: { index: 0, path: "a.txt", category: "billing", source: "s" }, data: Buffer.from("abc") }], {
      manifestSigner: impostor,
    });
    await expectBothFail(crafted.bytes, crafted.keyFile, "MANIFEST_SIGNATURE_INVALID", /^manifest signature invalid$/);
  });

  it.each([
    [1, "sha256", "SHA-256"],
    [3, "blake3", "BLAKE3"],
  ] as const)("a signed manifest whose digest does not match the item (format version %i, %s)", async (version, field, name) => {
    const crafted = await buildCraftedPackage(
      keys,
      [
        { start: { index: 0, path: "mail/1.eml", category: "content_mail", source: "s" }, data: Buffer.from("one") },
        { start: { index: 1, path: "mail/2.eml", category: "content_mail", source: "s" }, data: Buffer.from("two") },
      ],
      { version, editManifest: (manifest) => void Object.assign(manifest.items[1]!, { [field]: "0".repeat(64) }) },
    );
    await expectBothFail(crafted.bytes, crafted.keyFile, "ITEM_HASH_MISMATCH", new RegExp(`^item mail/2\\.eml: ${name} mismatch$`));
  });

  it("a version 3 package whose signed manifest lists SHA-256 digests (version 1) instead of BLAKE3", async () => {
    const crafted = await buildCraftedPackage(keys, [{ start: { index: 0, path: "a", category: "billing", source: "s" }, data: Buffer.from("x") }], {
      version: 3,
      asVersion1: true,
    });
    await expectBothFail(crafted.bytes, crafted.keyFile, "MANIFEST_INVALID", /^manifest invalid: version 1 in a format 3 package$/);
  });

  it("a signed manifest that leaves an item out", async () => {
    const crafted = await buildCraftedPackage(keys, [{ start: { index: 0, path: "a", category: "billing", source: "s" }, data: Buffer.from("x") }], {
      editManifest: (manifest) => void manifest.items.pop(),
    });
    await expectBothFail(crafted.bytes, crafted.keyFile, "MANIFEST_MISMATCH", /manifest lists 0 items but the package holds 1/);
  });

  it("not a package at all", async () => {
    await expectBothFail(Buffer.from("hello world, this is not a package"), sealed.keyFile, "NOT_A_PACKAGE", /not an lrw package/);
  });
});

describe("open refuses unsafe item paths", () => {
  for (const path of ["../escape.txt", "mail/../../escape.txt", "/etc/passwd", "C:/x", "a\\..\\b"]) {
    it(`refuses ${JSON.stringify(path)} before writing anything`, async () => {
      const crafted = await buildCraftedPackage(keys, [{ start: { index: 0, path, category: "billing", source: "s" }, data: Buffer.from("pwned") }]);
      const parent = await mkdtemp(join(tmpdir(), "lrw-traversal-"));
      const outDir = join(parent, "out");
      await expect(openBytesToDir(keys, crafted.bytes, crafted.keyFile, outDir)).rejects.toThrow(/^unsafe item path/);
      expect(await listFiles(parent)).toEqual([]);
      await expect(verifyBytes(keys, crafted.bytes, crafted.keyFile)).rejects.toThrow(/^unsafe item path/);
    });
  }
});

describe("open refuses an item path that is also another item's folder", () => {
  for (const order of [["acct/a", "acct/a/b"], ["acct/a/b", "acct/a"]]) {
    it(`refuses ${JSON.stringify(order)} with a precise error, in open and in verify alike`, async () => {
      const crafted = await buildCraftedPackage(keys, order.map((path, index) => ({ start: { index, path, category: "billing", source: "s" }, data: Buffer.from(path) })));
      const parent = await mkdtemp(join(tmpdir(), "lrw-folder-"));
      const opened = openBytesToDir(keys, crafted.bytes, crafted.keyFile, join(parent, "out"));
      await expect(opened).rejects.toThrow(/^duplicate item path "acct\/a.*" \(as a file or a folder\)$/);
      await expect(opened).rejects.toMatchObject({ code: "UNSAFE_ITEM_PATH" });
      expect(await listFiles(parent)).toEqual([]);
      await expect(verifyBytes(keys, crafted.bytes, crafted.keyFile)).rejects.toMatchObject({ code: "UNSAFE_ITEM_PATH" });
    });
  }
});

describe("open refuses item paths that could disguise a file name", () => {
  const disguised = {
    "a right-to-left override (U+202E: invoice<RLO>fdp.exe shows as invoiceexe.pdf)": "mail/invoice\u202Efdp.exe",
    "a left-to-right isolate": "mail/a\u2066b.txt",
    "a right-to-left mark": "mail/a\u200Fb.txt",
    "the Arabic letter mark": "mail/a\u061Cb.txt",
    "a zero-width space": "mail/report\u200B.pdf",
    "a byte order mark": "mail/\uFEFFreport.pdf",
    "a soft hyphen": "mail/re\u00ADport.pdf",
    "a line separator": "mail/a\u2028b.txt",
    "a lone surrogate (written to disk as U+FFFD)": "mail/a\uD800b.txt",
  };
  for (const [what, path] of Object.entries(disguised)) {
    it(`refuses ${what} before writing anything`, async () => {
      const crafted = await buildCraftedPackage(keys, [{ start: { index: 0, path, category: "billing", source: "s" }, data: Buffer.from("pwned") }]);
      const parent = await mkdtemp(join(tmpdir(), "lrw-disguise-"));
      await expect(openBytesToDir(keys, crafted.bytes, crafted.keyFile, join(parent, "out"))).rejects.toThrow(/^unsafe item path/);
      expect(await listFiles(parent)).toEqual([]);
    });
  }

  it("still opens names in right-to-left scripts and emoji sequences (they need no control characters)", async () => {
    const paths = ["mail/\u05D3\u05D5\u05D7.txt", "mail/\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645.txt", "files/\u{1F468}\u200D\u{1F469}\u200D\u{1F467}.jpg"];
    const crafted = await buildCraftedPackage(keys, paths.map((path, index) => ({ start: { index, path, category: "billing", source: "s" }, data: Buffer.from(path) })));
    const outDir = await mkdtemp(join(tmpdir(), "lrw-rtl-"));
    await openBytesToDir(keys, crafted.bytes, crafted.keyFile, outDir);
    expect((await listFiles(outDir)).sort()).toEqual([...paths].sort());
  });
});

describe("the opener reads in small pieces", () => {
  it("accepts a source that delivers one byte at a time", async () => {
    const small = await sealToBytes(keys, [standardItems()[0]!.item()]);
    const { openPackage } = await import("../../../shared/package/open-package");
    const { createDiscardSink } = await import("../../../shared/package/discard-sink");
    const { unwrapWithPrivateKey } = await import("../../../shared/package/recipient-key");
    const pieces = Array.from(small.bytes, (byte) => Buffer.from([byte]));
    const result = await openPackage(Readable.from(pieces), {
      resolveDataKey: async (header) => unwrapWithPrivateKey(header, keys.recipientPrivateKey, small.keyFile),
      providerPublicKey: keys.providerPublicKey,
      sink: createDiscardSink(),
    });
    expect(result.manifest.items).toHaveLength(1);
  });
});
