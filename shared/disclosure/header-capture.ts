import { LIMITS, MAGIC } from "../package/format";

const LENGTH_BYTES = 4;

/**
 * Keeps a copy of a package's first bytes as they are written: the magic, the header and the header signature
 * block (format §1), so the data key can be re-wrapped for delivery without reading the package back.
 */
export class HeaderCapture {
  private captured = Buffer.alloc(0);
  private needed: number | undefined;

  /** Looks at the next bytes of the package (only the header part is kept). */
  push(chunk: Buffer): void {
    if (this.needed !== undefined && this.captured.length >= this.needed) return;
    this.captured = Buffer.concat([this.captured, chunk]);
    this.measure();
  }

  /** The captured header bytes; throws if the package has not yet got that far. */
  headerBytes(): Buffer {
    if (this.needed === undefined || this.captured.length < this.needed) throw new Error("the package header has not been written yet");
    return this.captured;
  }

  private measure(): void {
    const headerStart = MAGIC.length + LENGTH_BYTES;
    if (this.captured.length < headerStart) return;
    // The lengths are the sealer's own, checked when it wrote them; the caps keep a bug from buffering a whole package.
    const headerLength = Math.min(this.captured.readUInt32BE(MAGIC.length), LIMITS.headerBytes);
    const signatureAt = headerStart + headerLength;
    if (this.captured.length < signatureAt + LENGTH_BYTES) return;
    const signatureLength = Math.min(this.captured.readUInt32BE(signatureAt), LIMITS.signatureBytes);
    this.needed = signatureAt + LENGTH_BYTES + signatureLength;
    if (this.captured.length > this.needed) this.captured = this.captured.subarray(0, this.needed);
  }
}
