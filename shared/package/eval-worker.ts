import { Worker } from "node:worker_threads";

/**
 * Starts a thread running CommonJS `source` (run with `eval`, so it works the same from compiled JavaScript, under tsx
 * and inside vitest), hands each reply to `onReply`, and its end, by error or exit, to `onEnd`. It does not keep the
 * process alive: an owner awaiting a reply refs it until the reply comes (see ReplyThread).
 */
export function startEvalWorker<Reply>(source: string, name: string, onReply: (reply: Reply) => void, onEnd: (error: Error) => void): Worker {
  // execArgv: [] keeps a loader such as tsx (inherited by default) out of a thread that runs plain CommonJS.
  const worker = new Worker(source, { eval: true, execArgv: [] });
  worker.on("message", onReply);
  worker.once("error", onEnd);
  worker.once("exit", () => onEnd(new Error(`${name} stopped`)));
  // After the listeners: a "message" listener added later would ref the worker again, and a command that used a
  // thread would never exit.
  worker.unref();
  return worker;
}

/**
 * A thread running `source`, started on first use, that answers every message it is asked, in order. When it ends
 * (error or exit), whatever was asked of it fails with that end, and the next message starts a new thread.
 */
export class ReplyThread<Reply> {
  private worker: Worker | undefined;
  private readonly waiting: { resolve(reply: Reply): void; reject(error: Error): void }[] = [];

  constructor(
    private readonly source: string,
    private readonly name: string,
  ) {}

  /** Sends a message (transferring `transfer`) and answers the thread's reply to it; the process stays alive until then. */
  ask(message: unknown, transfer: ArrayBuffer[] = []): Promise<Reply> {
    const reply = new Promise<Reply>((resolve, reject) => this.waiting.push({ resolve, reject }));
    const worker = this.thread();
    worker.ref();
    worker.postMessage(message, transfer);
    return reply;
  }

  /** Sends a message the thread does not answer, if a thread is running (nothing to tell a thread not yet started). */
  tell(message: unknown): void {
    this.worker?.postMessage(message);
  }

  private thread(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker: Worker = startEvalWorker<Reply>(
      this.source,
      this.name,
      (reply) => {
        this.waiting.shift()?.resolve(reply);
        if (this.waiting.length === 0) worker.unref();
      },
      (error) => {
        if (this.worker === worker) this.worker = undefined;
        for (const waiting of this.waiting.splice(0)) waiting.reject(error);
      },
    );
    this.worker = worker;
    return worker;
  }
}
