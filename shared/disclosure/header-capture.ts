import { Transform, type TransformCallback } from "node:stream";
import { LIMITS, MAGIC } from "../package/format";

const LENGTH_BYTES = 4;

/**
 * Passes a package through unchanged and keeps a copy of its first bytes: the magic, the header and the header
 * signature block (format §1), so the data key can be re-wrapped for delivery without reading the package back.
 */
export class HeaderCapture extends Transform {
  private captured = Buffer.alloc(0);
  private needed: number | undefined;

  /** The captured header bytes; throws if the package has not yet passed that far. */
  headerBytes(): Buffer {
    if (this.needed === undefined || this.captured.length < this.needed) throw new Error("the package header has not been written yet");
    return this.captured.subarray(0, this.needed);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.needed === undefined || this.captured.length < this.needed) {
      this.captured = Buffer.concat([this.captured, chunk]);
      this.measure();
    }
    callback(null, chunk);
  }

  private measure(): void {
    const headerStart = MAGIC.length + LENGTH_BYTES;
    if (this.captured.length < headerStart) return;
    // The lengths are the sealer's own and were checked when it wrote them; the cap keeps a bug from buffering everything.
    const headerLength = Math.min(this.captured.readUInt32BE(MAGIC.length), LIMITS.headerBytes);
    const signatureAt = headerStart + headerLength;
    if (this.captured.length < signatureAt + LENGTH_BYTES) return;
    const signatureLength = Math.min(this.captured.readUInt32BE(signatureAt), LIMITS.signatureBytes);
    this.needed = signatureAt + LENGTH_BYTES + signatureLength;
    if (this.captured.length > this.needed) this.captured = this.captured.subarray(0, this.needed);
  }
}
