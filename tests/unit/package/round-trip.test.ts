import { createHash } from "node:crypto";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { blake3 } from "@napi-rs/blake-hash";
import { CUSTOMER_HELD_NOTE, listedDigest } from "../../../shared/package/format";
import { inspectPackage } from "../../../shared/package/open-package";
import { PackageError } from "../../../shared/package/package-error";
import { sealPackage } from "../../../shared/package/seal-package";
import { collectOutput, createTestKeys, listFiles, openBytesToDir, segmentCount, sealToBytes, standardItems, verifyBytes, type TestKeys } from "./package-fixtures";

let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys();
});

describe("sealed package round trip", () => {
  it("opens several items, an empty one and a multi-segment one, byte for byte", async () => {
    const items = standardItems();
    const { bytes, result, keyFile } = await sealToBytes(keys, items.map((entry) => entry.item()));
    expect(segmentCount(bytes)).toBeGreaterThan(5);
    const outDir = await mkdtemp(join(tmpdir(), "lrw-open-"));
    const opened = await openBytesToDir(keys, bytes, keyFile, outDir);
    expect(opened.signaturesChecked).toBe(true);
    expect(opened.manifest).toEqual(result.manifest);
    expect(await listFiles(outDir)).toEqual(items.map((entry) => entry.path).sort());
    for (const entry of items) expect((await readFile(join(outDir, entry.path))).equals(entry.bytes)).toBe(true);
  });

  it("lists exactly what is inside in the signed manifest, with a BLAKE3 digest per item (R6, format version 3)", async () => {
    const items = standardItems();
    const { bytes, keyFile } = await sealToBytes(keys, items.map((entry) => entry.item()));
    const { manifest, header } = await verifyBytes(keys, bytes, keyFile);
    expect(header.version).toBe(3);
    expect(manifest.version).toBe(2);
    expect(manifest.demandId).toBe("dem-42");
    expect(manifest.orderReference).toBe("SW-2026-7");
    expect(manifest.collected).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(manifest.items.map((item) => [item.path, item.size, listedDigest(item)])).toEqual(
      items.map((entry) => [entry.path, entry.bytes.length, blake3(entry.bytes).toString("hex")]),
    );
    expect(manifest.items.find((item) => item.path === "files/vault.bin")?.note).toBe(CUSTOMER_HELD_NOTE);
    expect(manifest.items.find((item) => item.path === "mail/2.eml")?.category).toBe("content_mail");
    expect(header.wrappedKeys[0]?.keyId).toMatch(/^local:package-kek\/[0-9a-f]{32}$/);
  });

  it("digests items with BLAKE3 as its published test vectors say (empty input, \"abc\")", async () => {
    const { bytes, keyFile } = await sealToBytes(keys, [
      { path: "empty", category: "billing", source: "s", content: Readable.from([]) },
      { path: "abc", category: "billing", source: "s", content: Readable.from([Buffer.from("abc")]) },
    ]);
    const { manifest } = await verifyBytes(keys, bytes, keyFile);
    expect(manifest.items.map(listedDigest)).toEqual([
      "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
      "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85",
    ]);
  });

  it("still seals version 2 on request (SHA-256 per item), and opens it byte for byte", async () => {
    const items = standardItems();
    const { bytes, keyFile } = await sealToBytes(keys, items.map((entry) => entry.item()), 2);
    const outDir = await mkdtemp(join(tmpdir(), "lrw-open-v2-"));
    const opened = await openBytesToDir(keys, bytes, keyFile, outDir);
    expect([opened.version, opened.manifest.version]).toEqual([2, 1]);
    expect(opened.manifest.items.map((item) => listedDigest(item))).toEqual(items.map((entry) => createHash("sha256").update(entry.bytes).digest("hex")));
    for (const entry of items) expect((await readFile(join(outDir, entry.path))).equals(entry.bytes)).toBe(true);
  });

  it("seals an empty package and one with exactly a segment of plaintext", async () => {
    for (const size of [0, 1024 - 5 - 80, 1024]) {
      const { bytes, keyFile } = await sealToBytes(keys, size === 0 ? [] : [{ path: "a", category: "billing", source: "s", content: Readable.from([Buffer.alloc(size, 1)]) }]);
      const { manifest } = await verifyBytes(keys, bytes, keyFile);
      expect(manifest.items.map((item) => item.size)).toEqual(size === 0 ? [] : [size]);
    }
  });

  it("says in the manifest when the package key is customer-held (R7)", async () => {
    const { output, bytes } = collectOutput();
    const { manifest } = await sealPackage({
      demandId: "d",
      orderReference: "o",
      createdAt: new Date("2026-11-21T00:00:00Z"),
      collected: { from: "2026-01-01", to: "2026-01-02" },
      keyOption: "customer_held",
      wrappers: [keys.keyring],
      signer: keys.keyring,
      items: [],
      output,
    });
    await bytes;
    expect(manifest.keyOption).toEqual({ kind: "customer_held", note: CUSTOMER_HELD_NOTE });
  });

  it("lets anyone with the provider's public key check the header without a decryption key", async () => {
    const { bytes } = await sealToBytes(keys, [standardItems()[0]!.item()]);
    const inspected = await inspectPackage(Readable.from([bytes]), keys.providerPublicKey);
    expect(inspected.signaturesChecked).toBe(true);
    expect(inspected.header.demandId).toBe("dem-42");
  });

  it("refuses to seal unsafe or duplicate item paths", async () => {
    const item = (path: string) => ({ path, category: "billing" as const, source: "s", content: Readable.from([Buffer.from("x")]) });
    await expect(sealToBytes(keys, [item("../escape")])).rejects.toThrow(/unsafe item path/);
    await expect(sealToBytes(keys, [item("a"), item("a")])).rejects.toThrow(PackageError);
  });

  it("R6: refuses to seal an item whose path is also the folder of another item (no file system can open such a package)", async () => {
    const item = (path: string) => ({ path, category: "billing" as const, source: "s", content: Readable.from([Buffer.from("x")]) });
    await expect(sealToBytes(keys, [item("acct/billing/2026-01-01/a"), item("acct/billing/2026-01-01/a/b")])).rejects.toThrow(/^duplicate item path/);
    await expect(sealToBytes(keys, [item("acct/billing/2026-01-01/a/b"), item("acct/billing/2026-01-01/a")])).rejects.toThrow(/^duplicate item path/);
    await expect(sealToBytes(keys, [item("acct/billing/2026-01-01/a/b"), item("acct/billing/2026-01-01/a/c"), item("acct/billing/2026-01-01/ab")])).resolves.toBeDefined();
  });
});
