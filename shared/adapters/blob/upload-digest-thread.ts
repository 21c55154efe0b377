import { ReplyThread } from "../../package/eval-worker";

/**
 * The digest thread's program (CommonJS, see ReplyThread). It keeps one SHA-256 state per upload, made by the
 * upload's first block: a message with a block transfers it, adds it to its upload's SHA-256 and is answered with the
 * block's MD5 and the block itself (transferred back); one without answers the upload's SHA-256 and forgets it. A
 * message for an upload this thread has no state for (it began on a thread that stopped) is answered with an error,
 * never with a digest of part of the package; `forget` drops an abandoned upload's state, unanswered. Replies come in
 * message order.
 */
const DIGEST_THREAD_SOURCE = `
"use strict";
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const uploads = new Map();

parentPort.on("message", ({ upload, block, first, forget }) => {
  if (forget) {
    uploads.delete(upload);
    return;
  }
  if (first) uploads.set(upload, createHash("sha256"));
  const hash = uploads.get(upload);
  if (hash === undefined) {
    parentPort.postMessage({ error: "the upload began on a digest thread that has stopped" });
    return;
  }
  if (block === undefined) {
    uploads.delete(upload);
    parentPort.postMessage({ sha256: hash.digest("hex") });
    return;
  }
  const bytes = new Uint8Array(block);
  hash.update(bytes);
  parentPort.postMessage({ block, md5: createHash("md5").update(bytes).digest() }, [block]);
});
`;

type Reply = { block?: ArrayBuffer; md5?: Uint8Array; sha256?: string; error?: string };

/**
 * MD5 of each staged block and SHA-256 of each whole package, on one thread shared by the process's uploads. The two
 * digests cost more of the host's thread than sealing itself (about 2.3 ms per MiB against AES-GCM's 1.5 ms), so
 * they run beside it. Blocks cross by transfer, not copy, and come back with their MD5.
 */
export class UploadDigestThread {
  // The SHA-256 states live on the thread: if it stops, every upload in progress fails (none is committed).
  private readonly thread = new ReplyThread<Reply>(DIGEST_THREAD_SOURCE, "the upload digest thread");
  private uploads = 0;

  /** A new upload's id on this thread. */
  begin(): number {
    this.uploads += 1;
    return this.uploads;
  }

  /**
   * Adds a block to the upload's SHA-256 (`first` for its first block) and answers its MD5 with the block. `block`
   * must be a Buffer that owns its whole ArrayBuffer: it is transferred, and the caller uses the one answered.
   */
  async block(upload: number, block: Buffer, first: boolean): Promise<{ block: Buffer; md5: Buffer }> {
    if (block.byteOffset !== 0 || block.byteLength !== block.buffer.byteLength) throw new Error("a block sent to the digest thread must own its memory");
    const reply = await this.send({ upload, block: block.buffer, first }, [block.buffer as ArrayBuffer]);
    return { block: Buffer.from(reply.block as ArrayBuffer), md5: Buffer.from(reply.md5 as Uint8Array) };
  }

  /** The upload's SHA-256 (hex) over every block sent for it, in order; at least one block must have been sent. */
  async finish(upload: number): Promise<string> {
    return (await this.send({ upload }, [])).sha256 as string;
  }

  /** Drops the state of an upload that will not finish (it failed or was abandoned). */
  forget(upload: number): void {
    this.thread.tell({ upload, forget: true });
  }

  private async send(message: { upload: number; block?: ArrayBufferLike; first?: boolean }, transfer: ArrayBuffer[]): Promise<Reply> {
    const answered = await this.thread.ask(message, transfer);
    if (answered.error !== undefined) throw new Error(answered.error);
    return answered;
  }
}
