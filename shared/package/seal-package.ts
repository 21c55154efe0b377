import { randomBytes, randomUUID } from "node:crypto";
import type { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { DataCategory } from "../domain/enums";
import type { KeyWrapper, PackageSigner } from "../ports/key-service";
import {
  CUSTOMER_HELD_NOTE,
  DEFAULT_SEGMENT_SIZE,
  LIMITS,
  Manifest,
  NONCE_PREFIX_BYTES,
  PackageHeader,
  itemDigestKindOf,
  manifestVersionOf,
  RecordType,
  PACKAGE_VERSION,
  type HeaderWrappedKey,
  type ItemDigestKind,
  type ItemStart,
  type ManifestItem,
  type PackageKeyHolder,
} from "./format";
import { encodeHeader, encodeSignatureBlock } from "./header-block";
import { itemDigesterFor, type ItemDigester } from "./item-digester";
import { assertSafeItemPath, ItemPathSet } from "./item-path";
import { PackageError } from "./package-error";
import { SegmentWriter } from "./segment-writer";
import { signBlockV2 } from "./signatures";
import { derivePayloadKey } from "./stream-cipher";

/** One item to seal: its metadata and a stream of its bytes (never buffered whole). */
export interface SealItem {
  path: string;
  category: DataCategory;
  source: string;
  /** True when the provider only holds this content encrypted under a customer's key. */
  customerHeld?: boolean;
  content: Readable | AsyncIterable<Uint8Array>;
}

/** Everything a package is sealed from; time and ids are passed in. */
export interface SealOptions {
  packageId?: string;
  demandId: string;
  orderReference: string;
  createdAt: Date;
  collected: { from: string; to: string };
  keyOption: PackageKeyHolder;
  /** Each wrapper gets one wrapped copy of the data key in the header (at least one). */
  wrappers: readonly KeyWrapper[];
  signer: PackageSigner;
  items: AsyncIterable<SealItem> | Iterable<SealItem>;
  output: Writable;
  segmentSize?: number;
  /** The format version to write (default PACKAGE_VERSION); 2 for recipients whose openers do not read 3 yet. */
  formatVersion?: 2 | 3;
}

/** What sealing produced: ids, the header hash and the signed manifest. */
export interface SealResult {
  packageId: string;
  headerSha256: string;
  manifest: Manifest;
  bytesWritten: number;
}

/** Seals items into a package on `output` (format docs/package-format.md) and ends the output. */
export async function sealPackage(options: SealOptions): Promise<SealResult> {
  const segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
  const packageId = options.packageId ?? randomUUID();
  const createdAt = options.createdAt.toISOString();
  const dataKey = randomBytes(32);
  const version = options.formatVersion ?? PACKAGE_VERSION;
  const hasher = itemDigesterFor(version);
  try {
    const header = PackageHeader.parse({
      format: "lrw-package",
      version,
      packageId,
      demandId: options.demandId,
      orderReference: options.orderReference,
      createdAt,
      cipher: "AES-256-GCM-STREAM-HKDF-SHA256",
      segmentSize,
      noncePrefix: randomBytes(NONCE_PREFIX_BYTES).toString("base64"),
      wrappedKeys: await wrapForAll(options.wrappers, dataKey),
    });
    const encoded = encodeHeader(header);
    const headerSignature = await signBlockV2(options.signer, "header", encoded.hash);
    const out = options.output;
    out.write(encoded.bytes);
    out.write(encodeSignatureBlock(headerSignature));
    const writer = new SegmentWriter(out, derivePayloadKey(dataKey, encoded.hash), Buffer.from(header.noncePrefix, "base64"), segmentSize);
    const manifestVersion = manifestVersionOf(version);
    const items = await writeItems(writer, hasher, options.items, itemDigestKindOf(version));
    const manifest = Manifest.parse({
      format: "lrw-package-manifest",
      version: manifestVersion,
      packageId,
      demandId: options.demandId,
      orderReference: options.orderReference,
      headerSha256: encoded.hash.toString("hex"),
      createdAt,
      collected: options.collected,
      keyOption: options.keyOption === "customer_held" ? { kind: options.keyOption, note: CUSTOMER_HELD_NOTE } : { kind: options.keyOption },
      items,
    });
    const manifestBytes = Buffer.from(JSON.stringify(manifest), "utf8");
    if (manifestBytes.length > LIMITS.manifestBytes) throw new PackageError("SEAL_INPUT_INVALID", "manifest exceeds its size limit");
    const manifestSignature = await signBlockV2(options.signer, "manifest", manifestBytes);
    // Both blocks must name one key: a reader trusts exactly one, so a package signed half by a key rotated in the
    // meantime would verify for nobody. Failing lets the caller seal again (under the new key throughout).
    if (manifestSignature.keyId !== headerSignature.keyId) {
      throw new Error(`the signing key changed while a package was being sealed (header ${headerSignature.keyId}, manifest ${manifestSignature.keyId})`);
    }
    await writer.writeRecord(RecordType.manifest, manifestBytes);
    await writer.writeRecord(RecordType.signature, Buffer.from(JSON.stringify(manifestSignature), "utf8"));
    await writer.finish();
    out.end();
    await finished(out);
    return {
      packageId,
      headerSha256: encoded.hash.toString("hex"),
      manifest,
      bytesWritten: encoded.bytes.length + writer.bytesWritten,
    };
  } finally {
    dataKey.fill(0);
    await hasher.close();
  }
}

async function wrapForAll(wrappers: readonly KeyWrapper[], dataKey: Buffer): Promise<HeaderWrappedKey[]> {
  if (wrappers.length === 0) throw new PackageError("SEAL_INPUT_INVALID", "at least one key wrapper is required");
  const wrapped: HeaderWrappedKey[] = [];
  for (const wrapper of wrappers) {
    const result = await wrapper.wrapKey(dataKey);
    if (result.holder === "recipient") throw new PackageError("SEAL_INPUT_INVALID", "recipient keys are added at delivery, not in the header");
    wrapped.push({ holder: result.holder, keyId: result.keyId, algorithm: result.algorithm, wrappedKey: Buffer.from(result.wrapped).toString("base64") });
  }
  return wrapped;
}

async function writeItems(
  writer: SegmentWriter,
  hasher: ItemDigester,
  items: AsyncIterable<SealItem> | Iterable<SealItem>,
  digestField: ItemDigestKind,
): Promise<ManifestItem[]> {
  const listed: ManifestItem[] = [];
  const paths = new ItemPathSet();
  for await (const item of items) {
    assertSafeItemPath(item.path);
    if (!paths.add(item.path)) throw new PackageError("SEAL_INPUT_INVALID", `duplicate item path ${JSON.stringify(item.path)} (as a file or a folder)`);
    const start: ItemStart = { index: listed.length, path: item.path, category: item.category, source: item.source };
    if (item.customerHeld === true) start.customerHeld = true;
    await writer.writeRecord(RecordType.itemStart, Buffer.from(JSON.stringify(start), "utf8"));
    hasher.begin();
    let size = 0;
    for await (const chunk of item.content) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Uint8Array);
      if (bytes.length === 0) continue;
      await hasher.update(bytes);
      size += bytes.length;
      await writer.writeData(bytes);
    }
    const digest = await hasher.digest();
    const described = { path: item.path, category: item.category, source: item.source, size };
    const entry: ManifestItem = digestField === "blake3" ? { ...described, blake3: digest } : { ...described, sha256: digest };
    if (item.customerHeld === true) entry.note = CUSTOMER_HELD_NOTE;
    listed.push(entry);
  }
  return listed;
}
