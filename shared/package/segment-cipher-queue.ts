import { Worker } from "node:worker_threads";
import { CIPHER_WORKER_SOURCE } from "./cipher-worker-source";
import { TAG_BYTES } from "./format";
import { decryptSegment, encryptSegment } from "./stream-cipher";

/** Segment bytes after which a package's segments move to the cipher thread; below it a thread would cost more than it saves. */
export const WORKER_AFTER_BYTES = 4 * 1024 * 1024;

/** Segment bytes sent to the cipher thread in one message: one message per segment cost more than the AES itself. */
const BATCH_BYTES = 1024 * 1024;

/** Upper bound on the bytes of segments in flight, so memory stays constant whatever the segment size. */
const IN_FLIGHT_BYTES = 4 * 1024 * 1024;

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

/** Seal: `outputs` is one buffer of every segment's ciphertext and tag; open: one plaintext per segment (see the worker). */
type Reply = { input: ArrayBuffer; outputs: ArrayBuffer[]; status?: Uint8Array };

interface Waiting {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/** Segments gathered for one message to the cipher thread; `reply` is set once it has been sent. */
interface Batch {
  input: ArrayBuffer;
  indexes: number[];
  finals: boolean[];
  reply?: Promise<Reply>;
}

/** A submitted segment: its result, or its place in a batch for the cipher thread. */
type Pending = { done: SegmentOutcome } | { batch: Batch; position: number };

/**
 * Encrypts or decrypts a package's segments in order with a bounded number in flight. Small packages stay on the
 * calling thread; past WORKER_AFTER_BYTES a cipher thread takes over, so AES-GCM runs beside the caller's I/O on
 * another core, with segments sent in batches of about BATCH_BYTES. Results come back in submission order.
 */
export class SegmentCipherQueue {
  /** How many segments may be submitted before the oldest must be taken. */
  readonly capacity: number;
  private readonly slotSize: number;
  private readonly perBatch: number;
  private readonly pending: Pending[] = [];
  private readonly waiting: Waiting[] = [];
  /** Batch-sized buffers lent to the cipher thread and returned with each reply. */
  private readonly spare: ArrayBuffer[] = [];
  private filling: Batch | undefined;
  private worker: Worker | undefined;
  private online = false;
  private failure: Error | undefined;
  private bytesSeen = 0;

  constructor(
    private readonly mode: CipherMode,
    private readonly key: Buffer,
    private readonly noncePrefix: Uint8Array,
    private readonly segmentSize: number,
  ) {
    this.slotSize = mode === "seal" ? segmentSize : segmentSize + TAG_BYTES;
    this.capacity = Math.max(2, Math.floor(IN_FLIGHT_BYTES / this.slotSize));
    // At least two batches fit in the capacity, so one can be filled while the other is on the cipher thread.
    this.perBatch = Math.max(1, Math.min(Math.floor(BATCH_BYTES / this.slotSize), Math.floor(this.capacity / 2)));
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
    if (!this.onCipherThread) {
      this.pending.push({ done: this.inline(index, final, input) });
      return;
    }
    const batch = (this.filling ??= { input: this.spare.pop() ?? new ArrayBuffer(this.perBatch * this.slotSize), indexes: [], finals: [] });
    const position = batch.indexes.length;
    new Uint8Array(batch.input, position * this.slotSize, this.slotSize).set(input);
    batch.indexes.push(index);
    batch.finals.push(final);
    this.pending.push({ batch, position });
    if (batch.indexes.length === this.perBatch) this.send(batch);
  }

  /** The oldest submitted segment's result. */
  async takeOldest(): Promise<SegmentOutcome> {
    const oldest = this.pending.shift();
    if (oldest === undefined) throw new Error("segment cipher queue is empty");
    if ("done" in oldest) return oldest.done;
    const { batch, position } = oldest;
    // A part-filled batch goes now: its first segment is wanted.
    if (batch.reply === undefined) this.send(batch);
    const reply = await (batch.reply as Promise<Reply>);
    if (position === batch.indexes.length - 1) this.spare.push(reply.input);
    return this.outcomeOf(batch, position, reply);
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

  private send(batch: Batch): void {
    if (this.filling === batch) this.filling = undefined;
    const count = batch.indexes.length;
    const worker = this.worker;
    if (this.failure !== undefined || worker === undefined) {
      // The thread failed after these segments were gathered: they are done here instead.
      batch.reply = Promise.resolve(this.inlineBatch(batch));
    } else {
      batch.reply = new Promise<Reply>((resolve, reject) => this.waiting.push({ resolve, reject }));
      worker.postMessage({ input: batch.input, count, indexes: batch.indexes, finals: batch.finals }, [batch.input]);
    }
    // takeOldest() hands this result to the caller, who sees its failure; this only keeps a failure that happens
    // before the caller gets to it (or after the caller gave up on the package) from crashing the process.
    batch.reply.catch(() => undefined);
  }

  private inlineBatch(batch: Batch): Reply {
    const outcomes = batch.indexes.map((index, position) =>
      this.inline(index, batch.finals[position] as boolean, new Uint8Array(batch.input, position * this.slotSize, this.slotSize)),
    );
    const status = Uint8Array.from(outcomes, (outcome) => (outcome.output !== undefined ? 0 : outcome.otherFlagOpens ? 1 : 2));
    const outputs =
      this.mode === "seal"
        ? [new Uint8Array(Buffer.concat(outcomes.flatMap((outcome) => outcome.output ?? []))).buffer]
        : outcomes.map((outcome) => (outcome.output === undefined ? new ArrayBuffer(0) : new Uint8Array(outcome.output[0] as Buffer).buffer));
    return { input: batch.input, outputs, status };
  }

  private outcomeOf(batch: Batch, position: number, reply: Reply): SegmentOutcome {
    const index = batch.indexes[position] as number;
    const final = batch.finals[position] as boolean;
    if (this.mode === "seal") {
      const size = this.segmentSize + TAG_BYTES;
      // Views into one buffer, end to end: the writer can write a whole batch with one call.
      return { index, final, output: [Buffer.from(reply.outputs[0] as ArrayBuffer, position * size, size)], otherFlagOpens: false };
    }
    const status = reply.status?.[position] ?? 0;
    if (status !== 0) return { index, final, output: undefined, otherFlagOpens: status === 1 };
    return { index, final, output: [Buffer.from(reply.outputs[position] as ArrayBuffer)], otherFlagOpens: false };
  }

  private startWorker(): void {
    const worker = new Worker(CIPHER_WORKER_SOURCE, {
      eval: true,
      // A loader such as tsx, inherited by default, has nothing to do in a thread that runs plain CommonJS.
      execArgv: [],
      workerData: { mode: this.mode, key: this.key, noncePrefix: this.noncePrefix, segmentSize: this.segmentSize },
    });
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
