import type { KeyObject } from "node:crypto";
import { ByteReader } from "./byte-reader";
import { ITEM_DIGEST_NAMES, itemDigestKindOf, ItemStart, listedDigest, Manifest, manifestVersionOf, PACKAGE_VERSIONS, SignatureBlock, type PackageHeader, type PackageVersion } from "./format";
import { parseJson, readHeader, type ReadHeader } from "./header-block";
import { itemDigesterFor, type ItemDigester } from "./item-digester";
import { assertSafeItemPath, ItemPathSet } from "./item-path";
import { PackageError } from "./package-error";
import { RecordParser } from "./record-parser";
import { readSegments } from "./segment-reader";
import { publicKeyFingerprint } from "./recipient-key";
import { verifySignatureBlock } from "./signatures";
import { derivePayloadKey } from "./stream-cipher";

/** Where opened items go; nothing may become visible before commit(), which follows every check. */
export interface ItemSink {
  beginItem(item: ItemStart): Promise<void>;
  writeData(bytes: Buffer): Promise<void>;
  endItem(): Promise<void>;
  commit(manifest: Manifest): Promise<void>;
  abort(): Promise<void>;
}

/** How to open: the data key (from the header) and, to check signatures, the provider's public key. */
export interface OpenOptions {
  resolveDataKey(header: PackageHeader): Promise<Uint8Array>;
  providerPublicKey?: KeyObject;
  sink: ItemSink;
  /** The format versions to accept (default: every version, 1 to 3); anything else fails before a byte is decrypted. */
  acceptVersions?: readonly PackageVersion[];
}

/** What a fully checked package held. */
export interface OpenResult {
  version: PackageVersion;
  header: PackageHeader;
  headerSha256: string;
  manifest: Manifest;
  segments: number;
  signaturesChecked: boolean;
}

/** The header of a package and whether its signature was checked, without decrypting anything. */
export interface InspectResult {
  version: PackageVersion;
  header: PackageHeader;
  headerSha256: string;
  headerSignatureKeyId: string;
  signaturesChecked: boolean;
}

/** Reads the header and, given the provider's key, checks its signature (format §8 step 1). */
export async function inspectPackage(
  source: AsyncIterable<Uint8Array>,
  providerPublicKey?: KeyObject,
  acceptVersions: readonly PackageVersion[] = PACKAGE_VERSIONS,
): Promise<InspectResult> {
  const reader = new ByteReader(source);
  try {
    const read = await readHeader(reader);
    assertVersion(read, acceptVersions);
    if (providerPublicKey !== undefined) assertHeaderSignature(read, providerPublicKey);
    return {
      version: read.version,
      header: read.header,
      headerSha256: read.headerHash.toString("hex"),
      headerSignatureKeyId: read.signature.keyId,
      signaturesChecked: providerPublicKey !== undefined,
    };
  } finally {
    await reader.close();
  }
}

/** Decrypts and checks a whole package, streaming items into the sink; aborts the sink on any failure. */
export async function openPackage(source: AsyncIterable<Uint8Array>, options: OpenOptions): Promise<OpenResult> {
  const reader = new ByteReader(source);
  let hasher: ItemDigester | undefined;
  try {
    const read = await readHeader(reader);
    assertVersion(read, options.acceptVersions ?? PACKAGE_VERSIONS);
    hasher = itemDigesterFor(read.version);
    if (options.providerPublicKey !== undefined) assertHeaderSignature(read, options.providerPublicKey);
    const dataKey = await options.resolveDataKey(read.header);
    const key = derivePayloadKey(dataKey, read.headerHash);
    const collector = new ItemCollector(options.sink, hasher);
    const parser = new RecordParser(collector);
    let segments = 0;
    for await (const segment of readSegments(reader, key, Buffer.from(read.header.noncePrefix, "base64"), read.header.segmentSize)) {
      for (const piece of segment.plaintext) await parser.push(piece);
      segments = segment.index + 1;
    }
    parser.end();
    await collector.endCurrent();
    const manifest = checkManifest(collector, read, options.providerPublicKey);
    await options.sink.commit(manifest);
    return {
      version: read.version,
      header: read.header,
      headerSha256: read.headerHash.toString("hex"),
      manifest,
      segments,
      signaturesChecked: options.providerPublicKey !== undefined,
    };
  } catch (error) {
    await options.sink.abort();
    throw error;
  } finally {
    await hasher?.close();
    await reader.close();
  }
}

function assertVersion(read: ReadHeader, accepted: readonly PackageVersion[]): void {
  if (!accepted.includes(read.version)) {
    throw new PackageError("UNSUPPORTED_VERSION", `format version ${read.version} is not accepted here (accepted: ${accepted.join(", ")})`);
  }
}

/** Blocks from version 2 on name the signing key by its fingerprint; another key's name is refused before the signature is checked. */
function assertSignedBy(version: PackageVersion, block: SignatureBlock, publicKey: KeyObject, what: "header" | "manifest"): void {
  if (version >= 2 && block.keyId !== publicKeyFingerprint(publicKey)) {
    const code = what === "header" ? "HEADER_SIGNATURE_INVALID" : "MANIFEST_SIGNATURE_INVALID";
    throw new PackageError(code, `${what} signature invalid: signed by ${block.keyId}, not by the trusted provider key ${publicKeyFingerprint(publicKey)}`);
  }
}

function assertHeaderSignature(read: ReadHeader, publicKey: KeyObject): void {
  assertSignedBy(read.version, read.signature, publicKey, "header");
  if (!verifySignatureBlock(read.version, "header", read.headerHash, read.signature, publicKey)) {
    throw new PackageError("HEADER_SIGNATURE_INVALID", "header signature invalid");
  }
}

interface SeenItem {
  start: ItemStart;
  size: number;
  /** The digest the reader computed (SHA-256 or BLAKE3, as the version says), hex. */
  digest: string;
}

/** Turns records into sink calls, checking item order and paths and hashing each item as it streams. */
class ItemCollector {
  readonly items: SeenItem[] = [];
  manifestBytes: Buffer | undefined;
  signatureBytes: Buffer | undefined;
  private readonly paths = new ItemPathSet();
  private current: { start: ItemStart; size: number } | undefined;

  constructor(
    private readonly sink: ItemSink,
    private readonly hasher: ItemDigester,
  ) {}

  async itemStart(body: Buffer): Promise<void> {
    await this.endCurrent();
    const start = parseJson(ItemStart, body, "PAYLOAD_MALFORMED", "payload malformed: item-start record");
    if (start.index !== this.items.length) throw new PackageError("PAYLOAD_MALFORMED", `payload malformed: item ${start.index} out of order`);
    assertSafeItemPath(start.path);
    if (!this.paths.add(start.path)) throw new PackageError("UNSAFE_ITEM_PATH", `duplicate item path ${JSON.stringify(start.path)} (as a file or a folder)`);
    this.current = { start, size: 0 };
    this.hasher.begin();
    await this.sink.beginItem(start);
  }

  async data(bytes: Buffer): Promise<void> {
    // The parser only passes data after an item-start record.
    const current = this.current as NonNullable<typeof this.current>;
    await this.hasher.update(bytes);
    current.size += bytes.length;
    await this.sink.writeData(bytes);
  }

  manifest(body: Buffer): void {
    this.manifestBytes = body;
  }

  signature(body: Buffer): void {
    this.signatureBytes = body;
  }

  async endCurrent(): Promise<void> {
    if (this.current === undefined) return;
    this.items.push({ start: this.current.start, size: this.current.size, digest: await this.hasher.digest() });
    this.current = undefined;
    await this.sink.endItem();
  }
}

function checkManifest(collector: ItemCollector, read: ReadHeader, publicKey: KeyObject | undefined): Manifest {
  const { header, headerHash } = read;
  // The parser guarantees both records were seen before end() returns.
  const manifestBytes = collector.manifestBytes as Buffer;
  // The signature is the root of trust, so it is checked before anything the manifest claims.
  if (publicKey !== undefined) {
    const block = parseJson(SignatureBlock, collector.signatureBytes as Buffer, "MANIFEST_INVALID", "manifest signature block invalid");
    assertSignedBy(read.version, block, publicKey, "manifest");
    if (!verifySignatureBlock(read.version, "manifest", manifestBytes, block, publicKey)) {
      throw new PackageError("MANIFEST_SIGNATURE_INVALID", "manifest signature invalid");
    }
  }
  const manifest = parseJson(Manifest, manifestBytes, "MANIFEST_INVALID", "manifest invalid");
  // A format's manifest lists the digest that format computes; a version-1 manifest in a version-3 package (or the
  // reverse) would have items checked against a digest nobody computed.
  if (manifest.version !== manifestVersionOf(read.version)) {
    throw new PackageError("MANIFEST_INVALID", `manifest invalid: version ${manifest.version} in a format ${read.version} package`);
  }
  if (
    manifest.packageId !== header.packageId ||
    manifest.demandId !== header.demandId ||
    manifest.orderReference !== header.orderReference ||
    manifest.headerSha256 !== headerHash.toString("hex")
  ) {
    throw new PackageError("MANIFEST_MISMATCH", "manifest does not match the header");
  }
  if (manifest.items.length !== collector.items.length) {
    throw new PackageError("MANIFEST_MISMATCH", `manifest lists ${manifest.items.length} items but the package holds ${collector.items.length}`);
  }
  collector.items.forEach((seen, index) => {
    const listed = manifest.items[index] as Manifest["items"][number];
    const name = `item ${seen.start.path}`;
    if (listed.path !== seen.start.path || listed.category !== seen.start.category || listed.source !== seen.start.source) {
      throw new PackageError("MANIFEST_MISMATCH", `${name}: manifest entry ${index} does not describe it`);
    }
    if (listed.size !== seen.size) throw new PackageError("ITEM_SIZE_MISMATCH", `${name}: size mismatch (manifest ${listed.size}, package ${seen.size})`);
    if (listedDigest(listed) !== seen.digest) {
      throw new PackageError("ITEM_HASH_MISMATCH", `${name}: ${ITEM_DIGEST_NAMES[itemDigestKindOf(read.version)]} mismatch`);
    }
  });
  return manifest;
}
