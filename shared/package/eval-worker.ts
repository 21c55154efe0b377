import { Worker } from "node:worker_threads";

/**
 * Starts a thread running CommonJS `source` (run with `eval`, so it works the same from compiled JavaScript, under tsx
 * and inside vitest), hands each reply to `onReply`, and its end, by error or exit, to `onEnd`. It never keeps the
 * process alive.
 */
export function startEvalWorker<Reply>(source: string, name: string, onReply: (reply: Reply) => void, onEnd: (error: Error) => void): Worker {
  // execArgv: [] keeps a loader such as tsx (inherited by default) out of a thread that runs plain CommonJS.
  const worker = new Worker(source, { eval: true, execArgv: [] });
  worker.unref();
  worker.on("message", onReply);
  worker.once("error", onEnd);
  worker.once("exit", () => onEnd(new Error(`${name} stopped`)));
  return worker;
}
