import type { Writable } from "node:stream";
import { BoundedWriter } from "./bounded-writer";
import { LIMITS, RECORD_HEADER_BYTES, RecordType } from "./format";
import { PackageError } from "./package-error";
import { encryptSegment } from "./stream-cipher";

/** Bytes the output may have queued before sealing waits for some of them to be written. */
const OUTPUT_QUEUE_BYTES = 4 * 1024 * 1024;

/**
 * Cuts the plaintext record stream into fixed-size segments, encrypts each and writes it with backpressure. AES-GCM
 * runs here, on the calling thread: on a 2-core machine, a separate cipher thread was no faster once SHA-256 had a
 * thread of its own (item-hasher.ts), and cost copies and about 60 MiB more memory.
 */
export class SegmentWriter {
  private readonly buffer: Buffer;
  private readonly recordHeader = Buffer.allocUnsafe(RECORD_HEADER_BYTES);
  private readonly out: BoundedWriter;
  private filled = 0;
  private index = 0;
  private bytesOut = 0;

  constructor(
    output: Writable,
    private readonly key: Buffer,
    private readonly noncePrefix: Uint8Array,
    private readonly segmentSize: number,
  ) {
    this.buffer = Buffer.alloc(segmentSize);
    this.out = new BoundedWriter(output, OUTPUT_QUEUE_BYTES);
  }

  /** Number of bytes written to the output by this writer. */
  get bytesWritten(): number {
    return this.bytesOut;
  }

  /** Writes one record; the body may be any size up to the record type's limit. */
  async writeRecord(type: number, body: Uint8Array): Promise<void> {
    this.recordHeader[0] = type;
    this.recordHeader.writeUInt32BE(body.length, 1);
    await this.writePlaintext(this.recordHeader);
    await this.writePlaintext(body);
  }

  /** Writes item bytes as one or more data records. */
  async writeData(bytes: Uint8Array): Promise<void> {
    for (let offset = 0; offset < bytes.length; offset += LIMITS.dataRecordBytes) {
      await this.writeRecord(RecordType.data, bytes.subarray(offset, offset + LIMITS.dataRecordBytes));
    }
  }

  /** Zero-pads and writes the final segment; nothing may be written after it. */
  async finish(): Promise<void> {
    this.buffer.fill(0, this.filled);
    await this.emit(this.buffer, true);
  }

  private async writePlaintext(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      // A full buffer goes out as a non-final segment only once more bytes are known to follow;
      // finish() writes the final one, so the end of the signature record is always in it.
      if (this.filled === this.segmentSize) await this.emit(this.buffer, false);
      // A run longer than a segment with nothing buffered is encrypted straight from the source, without a copy.
      if (this.filled === 0 && bytes.length - offset > this.segmentSize) {
        await this.emit(bytes.subarray(offset, offset + this.segmentSize), false);
        offset += this.segmentSize;
        continue;
      }
      const take = Math.min(this.segmentSize - this.filled, bytes.length - offset);
      this.buffer.set(bytes.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
    }
  }

  private async emit(plaintext: Uint8Array, final: boolean): Promise<void> {
    if (this.index >= LIMITS.maxSegments) throw new PackageError("SEAL_INPUT_INVALID", "package exceeds the maximum number of segments");
    // encryptSegment returns new buffers, so the plaintext buffer can be refilled at once.
    const pieces = encryptSegment(this.key, this.noncePrefix, this.index, final, plaintext);
    this.index += 1;
    this.filled = 0;
    for (const piece of pieces) {
      this.bytesOut += piece.length;
      await this.out.write(piece);
    }
  }
}
