import { createHash } from "node:crypto";
import type { Worker } from "node:worker_threads";
import { startEvalWorker } from "./eval-worker";
import { HASH_WORKER_SOURCE } from "./hash-worker-source";

/** Item bytes gathered per message to the hash thread; an item that fits in one is hashed on the calling thread. */
export const HASH_BATCH_BYTES = 1024 * 1024;

/** Batches in flight at most, so memory stays constant whatever the item size. */
const MAX_BATCHES = 4;

type Reply = { buffer: ArrayBuffer; digest?: string };

interface Waiting {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/**
 * SHA-256 of a package's items, one after another. SHA-256 is the costliest step of sealing and opening (about three
 * times AES-GCM), so an item larger than HASH_BATCH_BYTES is hashed on a thread of its own, beside encryption and
 * I/O; smaller items never start that thread.
 */
export class ItemHasher {
  private staging: ArrayBuffer = new ArrayBuffer(HASH_BATCH_BYTES);
  private filled = 0;
  private onThread = false;
  private readonly spare: ArrayBuffer[] = [];
  private readonly sent: Promise<Reply>[] = [];
  private readonly waiting: Waiting[] = [];
  private worker: Worker | undefined;
  private failure: Error | undefined;

  /** Starts a new item; the previous one must have been digested. */
  begin(): void {
    this.filled = 0;
    this.onThread = false;
  }

  /** Adds item bytes; they are copied before this resolves, so the caller may reuse them. */
  async update(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      if (this.filled === HASH_BATCH_BYTES) await this.send(false);
      const take = Math.min(HASH_BATCH_BYTES - this.filled, bytes.length - offset);
      new Uint8Array(this.staging, this.filled, take).set(bytes.subarray(offset, offset + take));
      this.filled += take;
      offset += take;
    }
  }

  /** The current item's SHA-256 as lowercase hex. */
  async digest(): Promise<string> {
    if (!this.onThread) return createHash("sha256").update(new Uint8Array(this.staging, 0, this.filled)).digest("hex");
    await this.send(true);
    let digest: string | undefined;
    while (this.sent.length > 0) digest = (await this.takeOldest()).digest ?? digest;
    this.onThread = false;
    this.staging = this.spare.pop() ?? new ArrayBuffer(HASH_BATCH_BYTES);
    if (digest === undefined) throw new Error("item hash thread sent no digest");
    return digest;
  }

  /** Stops the hash thread, if one was started. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await worker.terminate();
  }

  private async send(digest: boolean): Promise<void> {
    this.onThread = true;
    if (this.failure !== undefined) throw this.failure;
    const buffer = this.staging;
    const reply = new Promise<Reply>((resolve, reject) => this.waiting.push({ resolve, reject }));
    // takeOldest() or digest() awaits this; the handler only stops an early failure from going unhandled.
    reply.catch(() => undefined);
    this.sent.push(reply);
    const worker = this.thread();
    worker.ref();
    worker.postMessage({ buffer, length: this.filled, digest }, [buffer]);
    this.filled = 0;
    if (digest) return;
    if (this.spare.length === 0 && this.sent.length >= MAX_BATCHES) await this.takeOldest();
    this.staging = this.spare.pop() ?? new ArrayBuffer(HASH_BATCH_BYTES);
  }

  private async takeOldest(): Promise<Reply> {
    const reply = await (this.sent.shift() as Promise<Reply>);
    if (this.spare.length < MAX_BATCHES) this.spare.push(reply.buffer);
    return reply;
  }

  private thread(): Worker {
    if (this.worker !== undefined) return this.worker;
    // close() ends the thread when the package is done.
    const worker = startEvalWorker<Reply>(
      HASH_WORKER_SOURCE,
      "item hash thread",
      (reply) => {
        this.waiting.shift()?.resolve(reply);
        // Alive while a batch is being hashed, as for ReplyThread.
        if (this.waiting.length === 0) worker.unref();
      },
      (error) => this.fail(error),
    );
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    // The hash state lived on that thread, so the item cannot be finished: the package fails.
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(this.failure);
  }
}
