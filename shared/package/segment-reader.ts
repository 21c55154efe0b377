import type { ByteReader } from "./byte-reader";
import { LIMITS, TAG_BYTES } from "./format";
import { PackageError } from "./package-error";
import { decryptSegment } from "./stream-cipher";

/** One authenticated segment's plaintext (in pieces, in order) and whether it was the final one. */
export interface OpenedSegment {
  index: number;
  plaintext: Buffer[];
  final: boolean;
}

/** Reads and authenticates segments in order, telling truncation, extension and tampering apart (format §8 step 3). */
export async function* readSegments(reader: ByteReader, key: Buffer, noncePrefix: Uint8Array, segmentSize: number): AsyncGenerator<OpenedSegment> {
  const length = segmentSize + TAG_BYTES;
  let current = await reader.readUpTo(length);
  if (current.length === 0) throw new PackageError("TRUNCATED", "package truncated after the header (no segments)");
  for (let index = 0; ; index += 1) {
    if (index >= LIMITS.maxSegments) throw new PackageError("TRAILING_DATA", "package has more segments than the format allows");
    if (current.length < length) throw new PackageError("TRUNCATED", `package truncated inside segment ${index}`);
    const more = !(await reader.atEnd());
    const plaintext = decryptSegment(key, noncePrefix, index, !more, current);
    if (plaintext === undefined) {
      const other = decryptSegment(key, noncePrefix, index, more, current);
      if (other === undefined) throw new PackageError("SEGMENT_AUTH_FAILED", `segment ${index} failed authentication`);
      if (more) throw new PackageError("TRAILING_DATA", `unexpected data after the final segment ${index}`);
      throw new PackageError("TRUNCATED", `package truncated after segment ${index}`);
    }
    yield { index, plaintext, final: !more };
    if (!more) return;
    current = await reader.readUpTo(length);
  }
}
