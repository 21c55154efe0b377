import type { Writable } from "node:stream";

/**
 * Writes to a stream with at most about `limit` bytes queued. It waits for queued writes to complete rather than for
 * the stream to drain completely (as write()'s `false` and 'drain' would), so the stream always has the next bytes
 * while the caller produces more: with 'drain', file writes and encryption took turns instead of overlapping.
 */
export class BoundedWriter {
  private waiter: { resolve(): void; reject(error: Error): void } | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly output: Writable,
    private readonly limit: number,
  ) {}

  /** Queues `chunk`; resolves at once unless more than `limit` bytes are queued, then once half of that is written. */
  async write(chunk: Uint8Array): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    this.output.write(chunk, this.onWritten);
    if (this.output.writableLength <= this.limit) return;
    await new Promise<void>((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  private readonly onWritten = (error?: Error | null): void => {
    if (error !== undefined && error !== null) this.failure ??= error;
    const waiter = this.waiter;
    if (waiter === undefined) return;
    if (this.failure !== undefined) {
      this.waiter = undefined;
      waiter.reject(this.failure);
    } else if (this.output.writableLength <= this.limit / 2) {
      this.waiter = undefined;
      waiter.resolve();
    }
  };
}
