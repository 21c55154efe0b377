/** Pulls exact byte counts from an async byte source, holding at most one request plus one source chunk. */
export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private chunks: Buffer[] = [];
  private available = 0;
  private exhausted = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Reads `count` bytes, or fewer only at the end of the source. */
  async readUpTo(count: number): Promise<Buffer> {
    await this.fill(count);
    const take = Math.min(count, this.available);
    const first = this.chunks[0];
    if (first !== undefined && first.length >= take) {
      this.consume(take);
      return first.subarray(0, take);
    }
    const out = Buffer.allocUnsafe(take);
    let written = 0;
    while (written < take) {
      const chunk = this.chunks[0] as Buffer;
      const part = Math.min(chunk.length, take - written);
      chunk.copy(out, written, 0, part);
      written += part;
      this.consume(part);
    }
    return out;
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.available === 0;
  }

  /** Releases the source (e.g. closes a file stream) when reading stops early. */
  async close(): Promise<void> {
    if (!this.exhausted) await this.iterator.return?.();
    this.exhausted = true;
  }

  private async fill(count: number): Promise<void> {
    while (this.available < count && !this.exhausted) {
      const next = await this.iterator.next();
      if (next.done === true) {
        this.exhausted = true;
        return;
      }
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      if (chunk.length > 0) {
        this.chunks.push(chunk);
        this.available += chunk.length;
      }
    }
  }

  private consume(count: number): void {
    const first = this.chunks[0] as Buffer;
    if (count === first.length) this.chunks.shift();
    else this.chunks[0] = first.subarray(count);
    this.available -= count;
  }
}
