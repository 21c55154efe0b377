import { z } from "zod";
import { DataCategory } from "../domain/enums";
import { IsoDate, Sha256Hex, ShortText } from "../domain/primitives";

/** The 8 bytes every version 1 package starts with: "LRWPKG", 0x00, format version 1 (every version's magic has this length). */
export const MAGIC = Buffer.from([0x4c, 0x52, 0x57, 0x50, 0x4b, 0x47, 0x00, 0x01]);

/**
 * The format version writers produce: 2 signs the signature blocks' key id and algorithm too (format §5); 3 signs as 2
 * does and lists each item's BLAKE3 digest instead of its SHA-256 (format §6).
 */
export const PACKAGE_VERSION = 3;

/** The versions a reader understands. */
export type PackageVersion = 1 | 2 | 3;

/** Every version a reader understands, oldest first. */
export const PACKAGE_VERSIONS: readonly PackageVersion[] = [1, 2, 3];

/** The item digest a version's manifest lists: SHA-256 up to version 2, BLAKE3 (256-bit) from version 3. */
export type ItemDigestKind = "sha256" | "blake3";

/** The item digest of a format version. */
export function itemDigestKindOf(version: PackageVersion): ItemDigestKind {
  return version >= 3 ? "blake3" : "sha256";
}

/** How people name each item digest (messages, the CLI). */
export const ITEM_DIGEST_NAMES: Readonly<Record<ItemDigestKind, string>> = { sha256: "SHA-256", blake3: "BLAKE3" };

/** The magic of a format version: "LRWPKG", 0x00, the version byte. */
export function magicOf(version: PackageVersion): Buffer {
  return Buffer.from([0x4c, 0x52, 0x57, 0x50, 0x4b, 0x47, 0x00, version]);
}

/**
 * The segment size writers use unless told otherwise (chosen by bench/seal.ts: Node makes a cipher object per
 * segment, which at 64 KiB cost as much as a third of the cipher's own work).
 */
export const DEFAULT_SEGMENT_SIZE = 256 * 1024;

/** Bounds on fields a reader must enforce before allocating anything. */
export const LIMITS = {
  headerBytes: 1024 * 1024,
  signatureBytes: 64 * 1024,
  minSegmentSize: 1024,
  maxSegmentSize: 16 * 1024 * 1024,
  itemStartBytes: 64 * 1024,
  dataRecordBytes: 16 * 1024 * 1024,
  manifestBytes: 64 * 1024 * 1024,
  maxSegments: 2 ** 32,
} as const;

/** GCM tag length in bytes. */
export const TAG_BYTES = 16;

/** Length of the random nonce prefix in bytes (nonce = prefix || u32 counter || flag). */
export const NONCE_PREFIX_BYTES = 7;

/** Record type bytes of the plaintext stream. */
export const RecordType = { itemStart: 0x49, data: 0x44, manifest: 0x4d, signature: 0x53 } as const;

/** Bytes of a record header: type + u32 body length. */
export const RECORD_HEADER_BYTES = 5;

/** Context prefixes that keep the two signed messages apart (version 1). */
export const SIGNING_CONTEXT = {
  header: Buffer.from("lrw-package/v1 header\0", "utf8"),
  manifest: Buffer.from("lrw-package/v1 manifest\0", "utf8"),
} as const;

/** Context prefixes of version 2, whose signed messages also cover the signature block's key id and algorithm. */
export const SIGNING_CONTEXT_V2 = {
  header: Buffer.from("lrw-package/v2 header\0", "utf8"),
  manifest: Buffer.from("lrw-package/v2 manifest\0", "utf8"),
} as const;

/** HKDF info for the payload key. */
export const PAYLOAD_KEY_INFO = "lrw-package/v1 payload key";

/** The note a manifest carries for content under a key the provider does not hold (R7). */
export const CUSTOMER_HELD_NOTE = "encrypted under a key the provider does not hold";

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64");

/** Holder of a package's key, as recorded in the header and manifest. */
export const PackageKeyHolder = z.enum(["provider_managed", "customer_managed", "customer_held", "local"]);
export type PackageKeyHolder = z.infer<typeof PackageKeyHolder>;

/** One wrapped copy of the data key in the header. */
export const HeaderWrappedKey = z.strictObject({
  holder: PackageKeyHolder,
  keyId: z.string().min(1).max(2048),
  algorithm: z.literal("RSA-OAEP-256"),
  wrappedKey: Base64.min(1),
});
export type HeaderWrappedKey = z.infer<typeof HeaderWrappedKey>;

/** The package header (docs/package-format.md §2). */
export const PackageHeader = z.strictObject({
  format: z.literal("lrw-package"),
  version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  packageId: z.string().min(1).max(200),
  demandId: z.string().min(1).max(200),
  orderReference: ShortText,
  createdAt: z.iso.datetime(),
  cipher: z.literal("AES-256-GCM-STREAM-HKDF-SHA256"),
  segmentSize: z.number().int().min(LIMITS.minSegmentSize).max(LIMITS.maxSegmentSize),
  noncePrefix: Base64.refine((value) => Buffer.from(value, "base64").length === NONCE_PREFIX_BYTES, "must be 7 bytes"),
  wrappedKeys: z.array(HeaderWrappedKey).min(1).max(16),
});
export type PackageHeader = z.infer<typeof PackageHeader>;

/** A signature block (docs/package-format.md §5). */
export const SignatureBlock = z.strictObject({
  keyId: z.string().min(1).max(2048),
  algorithm: z.literal("PS256"),
  signature: Base64.min(1),
});
export type SignatureBlock = z.infer<typeof SignatureBlock>;

/** The body of an item-start record. */
export const ItemStart = z.strictObject({
  index: z.number().int().nonnegative(),
  path: z.string().min(1).max(1024),
  category: DataCategory,
  source: ShortText,
  customerHeld: z.boolean().optional(),
});
export type ItemStart = z.infer<typeof ItemStart>;

const itemFields = {
  path: z.string().min(1).max(1024),
  category: DataCategory,
  source: ShortText,
  size: z.number().int().nonnegative(),
  note: z.literal(CUSTOMER_HELD_NOTE).optional(),
};

const ManifestItemV1 = z.strictObject({ ...itemFields, sha256: Sha256Hex });
const ManifestItemV2 = z.strictObject({ ...itemFields, blake3: Sha256Hex });

/** One item as a manifest lists it: with its SHA-256 (manifest version 1) or its BLAKE3 digest (version 2). */
export const ManifestItem = z.union([ManifestItemV1, ManifestItemV2]);
export type ManifestItem = z.infer<typeof ManifestItem>;

const manifestFields = {
  format: z.literal("lrw-package-manifest"),
  packageId: z.string().min(1).max(200),
  demandId: z.string().min(1).max(200),
  orderReference: ShortText,
  headerSha256: Sha256Hex,
  createdAt: z.iso.datetime(),
  collected: z.strictObject({ from: IsoDate, to: IsoDate }),
  keyOption: z.strictObject({ kind: PackageKeyHolder, note: z.literal(CUSTOMER_HELD_NOTE).optional() }),
};

/** The signed manifest (docs/package-format.md §6): version 1 in packages of format 1 and 2, version 2 in format 3. */
export const Manifest = z.discriminatedUnion("version", [
  z.strictObject({ ...manifestFields, version: z.literal(1), items: z.array(ManifestItemV1) }),
  z.strictObject({ ...manifestFields, version: z.literal(2), items: z.array(ManifestItemV2) }),
]);
export type Manifest = z.infer<typeof Manifest>;

/** The manifest version a package format version carries. */
export function manifestVersionOf(version: PackageVersion): Manifest["version"] {
  return version >= 3 ? 2 : 1;
}

/** An item's digest as its manifest entry lists it (hex). */
export function listedDigest(item: ManifestItem): string {
  return "blake3" in item ? item.blake3 : item.sha256;
}

/** The delivery key file (docs/package-format.md §9). */
export const WrappedKeyFile = z.strictObject({
  format: z.literal("lrw-wrapped-key"),
  version: z.literal(1),
  packageId: z.string().min(1).max(200),
  keyId: z.string().min(1).max(2048),
  algorithm: z.literal("RSA-OAEP-256"),
  wrappedKey: Base64.min(1),
});
export type WrappedKeyFile = z.infer<typeof WrappedKeyFile>;
