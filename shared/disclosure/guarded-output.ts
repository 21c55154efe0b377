import { Writable } from "node:stream";
import { HeaderCapture } from "./header-capture";

/**
 * What the sealer writes to: forwards every byte to the upload (with its backpressure) and keeps the header.
 * An upload failure is held here rather than thrown into the sealer, whose writer would otherwise wait for a
 * "drain" that a destroyed stream never emits; the item source checks `throwIfFailed` and stops sealing instead.
 */
export class GuardedOutput extends Writable {
  readonly header = new HeaderCapture();
  private failure: Error | undefined;

  constructor(private readonly target: Writable) {
    super();
    target.on("error", (error: Error) => this.fail(error));
  }

  /** Throws the upload's failure, if it has failed. */
  throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Abandons the upload (sealing failed): the target is destroyed and nothing of it is committed. */
  abandon(reason: Error): void {
    this.fail(reason);
    this.target.destroy();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.header.push(chunk);
    if (this.failure !== undefined) return callback();
    this.target.write(chunk, (error) => {
      if (error) this.fail(error);
      callback();
    });
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.failure !== undefined) return callback();
    this.target.end((error?: Error | null) => {
      if (error) this.fail(error);
      callback();
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
  }
}
