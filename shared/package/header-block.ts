import { createHash } from "node:crypto";
import type { z } from "zod";
import type { ByteReader } from "./byte-reader";
import { LIMITS, MAGIC, magicOf, PACKAGE_VERSIONS, PackageHeader, SignatureBlock, type PackageVersion } from "./format";
import { PackageError } from "./package-error";

/** The header as read from a package, with the exact bytes its hash and signature cover. */
export interface ReadHeader {
  /** The format version (from the magic; the header's own version must agree). */
  version: PackageVersion;
  header: PackageHeader;
  headerHash: Buffer;
  signature: SignatureBlock;
}

/** Encodes magic || u32be(length) || header JSON; the header hash H is the SHA-256 of exactly these bytes. */
export function encodeHeader(header: PackageHeader): { bytes: Buffer; hash: Buffer } {
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const bytes = Buffer.concat([magicOf(header.version), lengthPrefix(json.length), json]);
  return { bytes, hash: createHash("sha256").update(bytes).digest() };
}

/** Encodes u32be(length) || signature block JSON. */
export function encodeSignatureBlock(block: SignatureBlock): Buffer {
  const json = Buffer.from(JSON.stringify(block), "utf8");
  return Buffer.concat([lengthPrefix(json.length), json]);
}

/** Reads and checks the magic (a version this reader knows), the header and the header signature block (format §1, §2). */
export async function readHeader(reader: ByteReader): Promise<ReadHeader> {
  const magic = await reader.readUpTo(MAGIC.length);
  const version = PACKAGE_VERSIONS.find((candidate) => magic.equals(magicOf(candidate)));
  if (version === undefined) throw new PackageError("NOT_A_PACKAGE", "not an lrw package (bad magic bytes or unsupported version)");
  const headerLength = await readLength(reader, LIMITS.headerBytes, "header");
  const headerJson = await readExactly(reader, headerLength, "header");
  const headerHash = createHash("sha256").update(magic).update(lengthPrefix(headerLength)).update(headerJson).digest();
  const header = parseJson(PackageHeader, headerJson, "HEADER_INVALID", "header invalid");
  if (header.version !== version) throw new PackageError("HEADER_INVALID", `header invalid: version ${header.version} in a version ${version} package`);
  const signatureLength = await readLength(reader, LIMITS.signatureBytes, "header signature");
  const signatureJson = await readExactly(reader, signatureLength, "header signature");
  const signature = parseJson(SignatureBlock, signatureJson, "HEADER_INVALID", "header signature block invalid");
  return { version, header, headerHash, signature };
}

/** Parses JSON bytes against a schema; the message names the first failing field, never the content. */
export function parseJson<T extends z.ZodType>(
  schema: T,
  bytes: Uint8Array,
  code: "HEADER_INVALID" | "MANIFEST_INVALID" | "PAYLOAD_MALFORMED" | "WRAPPED_KEY_FILE_INVALID",
  what: string,
): z.infer<T> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    throw new PackageError(code, `${what}: not valid JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? "" : ` at ${issue.path.join(".")}`;
    throw new PackageError(code, `${what}${where}: ${issue?.message ?? "does not match the format"}`);
  }
  return parsed.data;
}

function lengthPrefix(length: number): Buffer {
  const prefix = Buffer.allocUnsafe(4);
  prefix.writeUInt32BE(length, 0);
  return prefix;
}

async function readLength(reader: ByteReader, limit: number, what: string): Promise<number> {
  const bytes = await readExactly(reader, 4, what);
  const length = bytes.readUInt32BE(0);
  if (length === 0 || length > limit) throw new PackageError("HEADER_INVALID", `${what} length ${length} is outside 1..${limit}`);
  return length;
}

async function readExactly(reader: ByteReader, count: number, what: string): Promise<Buffer> {
  const bytes = await reader.readUpTo(count);
  if (bytes.length < count) throw new PackageError("TRUNCATED", `package truncated inside the ${what}`);
  return bytes;
}
