import { Worker } from "node:worker_threads";
import { CIPHER_WORKER_SOURCE } from "./cipher-worker-source";
import { TAG_BYTES } from "./format";
import { decryptSegment, encryptSegment } from "./stream-cipher";

/** Segment bytes after which a package's segments move to the cipher thread; below it a thread would cost more than it saves. */
export const WORKER_AFTER_BYTES = 4 * 1024 * 1024;

/** Upper bound on the bytes of segments in flight, so memory stays constant whatever the segment size. */
const IN_FLIGHT_BYTES = 4 * 1024 * 1024;

/** Segments in flight at most: enough to keep the cipher thread busy while this thread hashes and does I/O. */
const MAX_IN_FLIGHT = 8;

/** What became of one segment. */
export interface SegmentOutcome {
  index: number;
  final: boolean;
  /**
   * Sealing: ciphertext then tag, as they go on disk (one or two buffers). Opening: the plaintext as one buffer, or
   * undefined when the tag does not verify under `final`.
   */
  output: Buffer[] | undefined;
  /** Opening only: whether a segment that failed would have verified under the other final flag. */
  otherFlagOpens: boolean;
}

/** Which way the queue runs. */
export type CipherMode = "seal" | "open";

type Reply = { input: ArrayBuffer; body?: ArrayBuffer; tag?: ArrayBuffer; plaintext?: ArrayBuffer; otherFlagOpens?: boolean };

interface Waiting {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/**
 * Encrypts or decrypts a package's segments in order with a bounded number in flight. Small packages stay on the
 * calling thread; past WORKER_AFTER_BYTES a cipher thread takes over, so AES-GCM runs beside the caller's SHA-256
 * and I/O on another core. Results come back in submission order.
 */
export class SegmentCipherQueue {
  /** How many segments may be submitted before the oldest must be taken. */
  readonly capacity: number;
  private readonly slotSize: number;
  private readonly pending: Promise<SegmentOutcome>[] = [];
  private readonly waiting: Waiting[] = [];
  /** Segment-sized buffers lent to the cipher thread and returned with each reply. */
  private readonly spare: ArrayBuffer[] = [];
  private worker: Worker | undefined;
  private online = false;
  private failure: Error | undefined;
  private bytesSeen = 0;

  constructor(
    private readonly mode: CipherMode,
    private readonly key: Buffer,
    private readonly noncePrefix: Uint8Array,
    segmentSize: number,
  ) {
    this.slotSize = mode === "seal" ? segmentSize : segmentSize + TAG_BYTES;
    this.capacity = Math.max(2, Math.min(MAX_IN_FLIGHT, Math.floor(IN_FLIGHT_BYTES / this.slotSize)));
  }

  /** True once segments go to the cipher thread (it has started and not failed). */
  get onCipherThread(): boolean {
    return this.online && this.failure === undefined;
  }

  /** Segments submitted and not yet taken. */
  get inFlight(): number {
    return this.pending.length;
  }

  /**
   * Starts on one whole segment (segmentSize bytes to seal, segmentSize + 16 to open); `input` is read or copied
   * before this returns, so the caller may reuse it at once.
   */
  submit(index: number, final: boolean, input: Uint8Array): void {
    if (this.pending.length >= this.capacity) throw new Error("segment cipher queue is full: take the oldest first");
    this.bytesSeen += input.length;
    if (this.worker === undefined && this.bytesSeen > WORKER_AFTER_BYTES) this.startWorker();
    if (this.onCipherThread) {
      const result = this.onWorker(index, final, input);
      // takeOldest() hands this very promise to the caller, who sees its failure; this only keeps a failure that
      // happens before the caller gets to it (or after the caller gave up on the package) from crashing the process.
      result.catch(() => undefined);
      this.pending.push(result);
    } else {
      this.pending.push(Promise.resolve(this.inline(index, final, input)));
    }
  }

  /** The oldest submitted segment's result. */
  takeOldest(): Promise<SegmentOutcome> {
    const oldest = this.pending.shift();
    if (oldest === undefined) throw new Error("segment cipher queue is empty");
    return oldest;
  }

  /** Stops the cipher thread, if one was started; the queue must not be used afterwards. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.online = false;
    if (worker !== undefined) await worker.terminate();
  }

  private inline(index: number, final: boolean, input: Uint8Array): SegmentOutcome {
    if (this.mode === "seal") return { index, final, output: encryptSegment(this.key, this.noncePrefix, index, final, input), otherFlagOpens: false };
    const plaintext = decryptSegment(this.key, this.noncePrefix, index, final, input);
    if (plaintext !== undefined) return { index, final, output: [plaintext], otherFlagOpens: false };
    return { index, final, output: undefined, otherFlagOpens: decryptSegment(this.key, this.noncePrefix, index, !final, input) !== undefined };
  }

  private async onWorker(index: number, final: boolean, input: Uint8Array): Promise<SegmentOutcome> {
    // At most `capacity` segments are in flight and each reply returns its buffer, so one is always spare.
    const lent = this.spare.pop() ?? new ArrayBuffer(this.slotSize);
    new Uint8Array(lent, 0, input.length).set(input);
    const reply = new Promise<Reply>((resolve, reject) => this.waiting.push({ resolve, reject }));
    (this.worker as Worker).postMessage({ input: lent, index, final }, [lent]);
    const { input: returned, body, tag, plaintext, otherFlagOpens } = await reply;
    this.spare.push(returned);
    if (body !== undefined && tag !== undefined) return { index, final, output: [Buffer.from(body), Buffer.from(tag)], otherFlagOpens: false };
    return { index, final, output: plaintext === undefined ? undefined : [Buffer.from(plaintext)], otherFlagOpens: otherFlagOpens === true };
  }

  private startWorker(): void {
    const worker = new Worker(CIPHER_WORKER_SOURCE, { eval: true, workerData: { mode: this.mode, key: this.key, noncePrefix: this.noncePrefix } });
    // Never the reason a process stays alive; close() ends it when the package is done.
    worker.unref();
    worker.once("online", () => {
      this.online = this.worker === worker;
    });
    worker.on("message", (reply: Reply) => this.waiting.shift()?.resolve(reply));
    worker.once("error", (error: Error) => this.fail(error));
    worker.once("exit", () => this.fail(new Error("segment cipher thread stopped")));
    this.worker = worker;
  }

  private fail(error: Error): void {
    // Segments still unanswered fail; later ones are done on this thread, and close() reports nothing more.
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(this.failure);
  }
}
