import type { ByteReader } from "./byte-reader";
import { LIMITS, TAG_BYTES } from "./format";
import { PackageError } from "./package-error";
import { SegmentCipherQueue, type SegmentOutcome } from "./segment-cipher-queue";

/** One authenticated segment's plaintext and whether it was the final one. */
export interface OpenedSegment {
  index: number;
  plaintext: Buffer;
  final: boolean;
}

/**
 * Reads and authenticates segments in order, telling truncation, extension and tampering apart (format §8 step 3).
 * Several segments are decrypted ahead of the one yielded; every failure is still reported at the position a
 * one-at-a-time reader would report it, so the first failing segment in file order always wins.
 */
export async function* readSegments(reader: ByteReader, key: Buffer, noncePrefix: Uint8Array, segmentSize: number): AsyncGenerator<OpenedSegment> {
  const length = segmentSize + TAG_BYTES;
  const cipher = new SegmentCipherQueue("open", key, noncePrefix, segmentSize);
  try {
    let current = await reader.readUpTo(length);
    if (current.length === 0) throw new PackageError("TRUNCATED", "package truncated after the header (no segments)");
    let problem: PackageError | undefined;
    for (let index = 0; ; index += 1) {
      if (index >= LIMITS.maxSegments) problem = new PackageError("TRAILING_DATA", "package has more segments than the format allows");
      else if (current.length < length) problem = new PackageError("TRUNCATED", `package truncated inside segment ${index}`);
      if (problem !== undefined) break;
      const more = !(await reader.atEnd());
      if (cipher.inFlight >= cipher.capacity) yield authenticated(await cipher.takeOldest());
      // The queue reads or copies the segment before returning, so the reader may reuse its bytes.
      cipher.submit(index, !more, current);
      if (!more) break;
      current = await reader.readUpTo(length);
    }
    while (cipher.inFlight > 0) yield authenticated(await cipher.takeOldest());
    if (problem !== undefined) throw problem;
  } finally {
    await cipher.close();
  }
}

function authenticated(result: SegmentOutcome): OpenedSegment {
  const { index, final, output } = result;
  if (output !== undefined) return { index, plaintext: output[0] as Buffer, final };
  if (!result.otherFlagOpens) throw new PackageError("SEGMENT_AUTH_FAILED", `segment ${index} failed authentication`);
  if (!final) throw new PackageError("TRAILING_DATA", `unexpected data after the final segment ${index}`);
  throw new PackageError("TRUNCATED", `package truncated after segment ${index}`);
}
