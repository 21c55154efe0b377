import type { FileHandle } from "node:fs/promises";

/** Bytes gathered into one positional write. */
const BATCH_BYTES = 1024 * 1024;

/** Writes in flight at most (so memory stays bounded whatever the file's size). */
const MAX_IN_FLIGHT = 4;

/**
 * Appends to a file through vectored, positional writes of about 1 MiB, a few in flight on the thread pool, so the
 * kernel's copy into the page cache runs beside the caller's decryption instead of after it. Buffers given to
 * write() are kept, not copied, until written: the caller must not change them afterwards.
 */
export class BatchedFileWriter {
  private batch: Buffer[] = [];
  private batchBytes = 0;
  private position = 0;
  private readonly inFlight: Promise<void>[] = [];
  private failure: unknown;
  private closing: Promise<void> | undefined;

  constructor(private readonly file: FileHandle) {}

  /** Queues bytes; resolves once they are queued (waiting only when too many writes are in flight). */
  async write(bytes: Buffer): Promise<void> {
    this.throwIfFailed();
    if (bytes.length === 0) return;
    this.batch.push(bytes);
    this.batchBytes += bytes.length;
    if (this.batchBytes >= BATCH_BYTES) this.flush();
    while (this.inFlight.length >= MAX_IN_FLIGHT) await this.inFlight.shift();
    this.throwIfFailed();
  }

  /** Writes what is queued, waits for every write and closes the file; rejects with the first write's failure. */
  async close(): Promise<void> {
    try {
      this.flush();
      await Promise.all(this.inFlight.splice(0));
      this.throwIfFailed();
    } finally {
      await this.closeFile();
    }
  }

  /** Closes the file without waiting for queued bytes (after a failure elsewhere). */
  async abandon(): Promise<void> {
    this.batch = [];
    await Promise.allSettled(this.inFlight.splice(0));
    await this.closeFile();
  }

  private closeFile(): Promise<void> {
    this.closing ??= this.file.close();
    return this.closing;
  }

  private flush(): void {
    if (this.batchBytes === 0) return;
    const buffers = this.batch;
    const position = this.position;
    this.batch = [];
    this.position += this.batchBytes;
    this.batchBytes = 0;
    this.inFlight.push(
      writeAll(this.file, buffers, position).catch((error: unknown) => {
        this.failure ??= error;
      }),
    );
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/** One vectored write, continued where the kernel stopped short (it may, e.g. near a full disk). */
async function writeAll(file: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let pending = buffers;
  let at = position;
  while (pending.length > 0) {
    const { bytesWritten } = await file.writev(pending, at);
    if (bytesWritten === 0) throw new Error("a write to the output file made no progress");
    at += bytesWritten;
    pending = rest(pending, bytesWritten);
  }
}

function rest(buffers: Buffer[], written: number): Buffer[] {
  let skip = written;
  const out: Buffer[] = [];
  for (const buffer of buffers) {
    if (skip >= buffer.length) skip -= buffer.length;
    else {
      out.push(skip > 0 ? buffer.subarray(skip) : buffer);
      skip = 0;
    }
  }
  return out;
}
