import { createHash, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { blake3 } from "@napi-rs/blake-hash";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import { createDiscardSink } from "../../../shared/package/discard-sink";
import { DirectorySink } from "../../../shared/package/directory-sink";
import { Manifest, RecordType, SIGNING_CONTEXT, TAG_BYTES, type ItemStart, type WrappedKeyFile } from "../../../shared/package/format";
import { encodeHeader, encodeSignatureBlock } from "../../../shared/package/header-block";
import { openPackage, type OpenResult } from "../../../shared/package/open-package";
import { toWrappedKeyFile, unwrapWithPrivateKey, wrapKeyForRecipient } from "../../../shared/package/recipient-key";
import { sealPackage, type SealItem, type SealResult } from "../../../shared/package/seal-package";
import { SegmentWriter } from "../../../shared/package/segment-writer";
import { signBlockV2, signedDigest, toSignatureBlock } from "../../../shared/package/signatures";
import { derivePayloadKey } from "../../../shared/package/stream-cipher";
import type { PackageSigner } from "../../../shared/ports/key-service";
import { createDeliveryKeyFile } from "../../../shared/package/delivery-key";

/** Small segments so that test packages have many of them. */
export const TEST_SEGMENT_SIZE = 1024;

/** The provider's keyring, the requester's key pair and the provider's public signing key. */
export interface TestKeys {
  keyring: LocalKeyring;
  keyringDir: string;
  recipientPrivateKey: KeyObject;
  recipientPublicKeyPem: string;
  providerPublicKey: KeyObject;
}

/** Creates a throwaway keyring and requester key pair (2048-bit to keep tests quick). */
export async function createTestKeys(): Promise<TestKeys> {
  const keyringDir = await mkdtemp(join(tmpdir(), "lrw-keyring-"));
  const keyring = new LocalKeyring({ directory: keyringDir, modulusLength: 2048 });
  const recipient = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    keyring,
    keyringDir,
    recipientPrivateKey: recipient.privateKey,
    recipientPublicKeyPem: recipient.publicKey.export({ type: "spki", format: "pem" }).toString(),
    providerPublicKey: createPublicKey(await keyring.getSigningPublicKeyPem()),
  };
}

/** Deterministic pseudo-random bytes for an item. */
export function itemBytes(size: number, seed: string): Buffer {
  const out = Buffer.alloc(size);
  for (let offset = 0, counter = 0; offset < size; counter += 1) {
    offset += createHash("sha256").update(`${seed}:${counter}`).digest().copy(out, offset);
  }
  return out;
}

/** The standard test items: several, one empty, one spanning many segments, one customer-held. */
export function standardItems(): { path: string; bytes: Buffer; item: () => SealItem }[] {
  const specs = [
    { path: "subscriber/profile.json", category: "subscriber_info", source: "directory", size: 300 },
    { path: "mail/1.eml", category: "content_mail", source: "exchange", size: 0 },
    { path: "mail/2.eml", category: "content_mail", source: "exchange", size: 5000 },
    { path: "files/vault.bin", category: "content_files", source: "onedrive", size: 700, customerHeld: true },
  ] as const;
  return specs.map((spec) => {
    const bytes = itemBytes(spec.size, spec.path);
    return {
      path: spec.path,
      bytes,
      item: () => ({
        path: spec.path,
        category: spec.category,
        source: spec.source,
        customerHeld: "customerHeld" in spec ? spec.customerHeld : undefined,
        // Uneven chunks exercise records that straddle segment boundaries.
        content: Readable.from(chunk(bytes, 333)),
      }),
    };
  });
}

function chunk(bytes: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) parts.push(bytes.subarray(offset, offset + size));
  return parts;
}

/** Collects everything written to a stream. */
export function collectOutput(): { output: PassThrough; bytes: Promise<Buffer> } {
  const output = new PassThrough();
  const parts: Buffer[] = [];
  output.on("data", (part: Buffer) => parts.push(part));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    output.on("end", () => resolve(Buffer.concat(parts)));
    output.on("error", reject);
  });
  return { output, bytes };
}

/** Seals items with the keyring and returns the package bytes and a delivery key file for the requester. */
export async function sealToBytes(keys: TestKeys, items: SealItem[], formatVersion?: 2 | 3): Promise<{ bytes: Buffer; result: SealResult; keyFile: WrappedKeyFile }> {
  const { output, bytes } = collectOutput();
  const result = await sealPackage({
    demandId: "dem-42",
    orderReference: "SW-2026-7",
    createdAt: new Date("2026-11-21T10:00:00.000Z"),
    collected: { from: "2026-01-01", to: "2026-03-31" },
    keyOption: "local",
    wrappers: [keys.keyring],
    signer: keys.keyring,
    items,
    output,
    segmentSize: TEST_SEGMENT_SIZE,
    ...(formatVersion === undefined ? {} : { formatVersion }),
  });
  const packageBytes = await bytes;
  const keyFile = await createDeliveryKeyFile(Readable.from([packageBytes]), keys.keyring, keys.recipientPublicKeyPem);
  return { bytes: packageBytes, result, keyFile };
}

/** Offset of segment 0 in a package. */
export function payloadOffset(bytes: Buffer): number {
  const headerLength = bytes.readUInt32BE(8);
  const signatureLength = bytes.readUInt32BE(12 + headerLength);
  return 16 + headerLength + signatureLength;
}

/** Offset and length of segment `index`. */
export function segmentRange(bytes: Buffer, index: number): { start: number; end: number } {
  const start = payloadOffset(bytes) + index * (TEST_SEGMENT_SIZE + TAG_BYTES);
  return { start, end: start + TEST_SEGMENT_SIZE + TAG_BYTES };
}

/** Number of segments in a package. */
export function segmentCount(bytes: Buffer): number {
  return (bytes.length - payloadOffset(bytes)) / (TEST_SEGMENT_SIZE + TAG_BYTES);
}

/** Verifies a package in memory (the CLI's verify with a key). */
export function verifyBytes(
  keys: TestKeys,
  bytes: Buffer,
  keyFile: WrappedKeyFile,
  options: { providerPublicKey?: KeyObject | "none"; privateKey?: KeyObject } = {},
): Promise<OpenResult> {
  const privateKey = options.privateKey ?? keys.recipientPrivateKey;
  return openPackage(Readable.from([bytes]), {
    resolveDataKey: async (header) => unwrapWithPrivateKey(header, privateKey, keyFile),
    providerPublicKey: options.providerPublicKey === "none" ? undefined : (options.providerPublicKey ?? keys.providerPublicKey),
    sink: createDiscardSink(),
  });
}

/** Opens a package into a fresh directory (the CLI's open). */
export async function openBytesToDir(keys: TestKeys, bytes: Buffer, keyFile: WrappedKeyFile, outDir: string, providerPublicKey = keys.providerPublicKey): Promise<OpenResult> {
  // Small source chunks make the reader assemble segments from pieces.
  return openPackage(Readable.from(chunk(bytes, 777)), {
    resolveDataKey: async (header) => unwrapWithPrivateKey(header, keys.recipientPrivateKey, keyFile),
    providerPublicKey,
    sink: new DirectorySink(outDir),
  });
}

/** Every file below a directory, relative, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** An item of a hand-built package: the item-start record as written and its bytes. */
export interface CraftedItem {
  start: ItemStart;
  data: Buffer;
}

/**
 * Builds a package by hand from the format's parts, so tests can produce what sealPackage refuses to
 * (unsafe paths, a manifest that lies, a manifest signed by someone else). By default it is a version 1 package,
 * signed the version 1 way (context || data), as packages sealed before version 2 were; `version: 3` builds a
 * version 3 one (version 2 signatures, BLAKE3 digests in a version 2 manifest), whose manifest `asVersion1` turns
 * into a version 1 manifest with SHA-256 digests (a pairing readers must refuse).
 */
export async function buildCraftedPackage(
  keys: TestKeys,
  items: CraftedItem[],
  options: { editManifest?: (manifest: Manifest) => void; manifestSigner?: PackageSigner; version?: 1 | 3; asVersion1?: boolean } = {},
): Promise<{ bytes: Buffer; keyFile: WrappedKeyFile }> {
  const version = options.version ?? 1;
  const dataKey = randomBytes(32);
  const wrapped = await keys.keyring.wrapKey(dataKey);
  const header = {
    format: "lrw-package" as const,
    version,
    packageId: randomUUID(),
    demandId: "dem-crafted",
    orderReference: "SW-crafted",
    createdAt: "2026-11-21T10:00:00.000Z",
    cipher: "AES-256-GCM-STREAM-HKDF-SHA256" as const,
    segmentSize: TEST_SEGMENT_SIZE,
    noncePrefix: randomBytes(7).toString("base64"),
    wrappedKeys: [{ holder: "local" as const, keyId: wrapped.keyId, algorithm: "RSA-OAEP-256" as const, wrappedKey: Buffer.from(wrapped.wrapped).toString("base64") }],
  };
  const encoded = encodeHeader(header);
  const { output, bytes } = collectOutput();
  output.write(encoded.bytes);
  const sign = async (signer: PackageSigner, part: "header" | "manifest", data: Buffer) =>
    version === 1 ? toSignatureBlock(await signer.sign(signedDigest(SIGNING_CONTEXT[part], data))) : await signBlockV2(signer, part, data);
  output.write(encodeSignatureBlock(await sign(keys.keyring, "header", encoded.hash)));
  const writer = new SegmentWriter(output, derivePayloadKey(dataKey, encoded.hash), Buffer.from(header.noncePrefix, "base64"), TEST_SEGMENT_SIZE);
  for (const item of items) {
    await writer.writeRecord(RecordType.itemStart, Buffer.from(JSON.stringify(item.start)));
    if (item.data.length > 0) await writer.writeData(item.data);
  }
  const described = (item: CraftedItem) => ({ path: item.start.path, category: item.start.category, source: item.start.source, size: item.data.length });
  const sha256Listed = version === 1 || options.asVersion1 === true;
  const common = {
    format: "lrw-package-manifest" as const,
    packageId: header.packageId,
    demandId: header.demandId,
    orderReference: header.orderReference,
    headerSha256: encoded.hash.toString("hex"),
    createdAt: header.createdAt,
    collected: { from: "2026-01-01", to: "2026-01-31" },
    keyOption: { kind: "local" as const },
  };
  const manifest: Manifest = sha256Listed
    ? { ...common, version: 1, items: items.map((item) => ({ ...described(item), sha256: createHash("sha256").update(item.data).digest("hex") })) }
    : { ...common, version: 2, items: items.map((item) => ({ ...described(item), blake3: blake3(item.data).toString("hex") })) };
  options.editManifest?.(manifest);
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const signer = options.manifestSigner ?? keys.keyring;
  await writer.writeRecord(RecordType.manifest, manifestBytes);
  await writer.writeRecord(RecordType.signature, Buffer.from(JSON.stringify(await sign(signer, "manifest", manifestBytes))));
  await writer.finish();
  output.end();
  const keyFile = toWrappedKeyFile(header.packageId, wrapKeyForRecipient(dataKey, keys.recipientPublicKeyPem));
  return { bytes: await bytes, keyFile };
}
