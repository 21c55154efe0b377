import type { InboxMessage, WorkItem } from "./types";

/** Identifies one activity invocation of one execution. */
export interface ActivityRef {
  instanceId: string;
  executionId: string;
  seq: number;
}

/** What the pool needs from the engine. */
export interface ActivityPoolOptions {
  concurrency: number;
  /** host.json functionTimeout: an activity running longer fails as Azure fails it. */
  timeoutMs: number | undefined;
  run(name: string, input: unknown): Promise<unknown>;
  /** The work item if the reference is still current (same execution, not yet answered). */
  lookup(ref: ActivityRef): WorkItem | undefined;
  /** Hands an activity's result to its instance. */
  deliver(ref: ActivityRef, message: InboxMessage): void;
  /** Called whenever the pool may have become idle. */
  onSettled(): void;
}

/** Runs queued activity invocations, at most `concurrency` at once, each at least once. */
export class ActivityPool {
  private readonly queue: ActivityRef[] = [];
  private running = 0;
  private stopped = false;

  constructor(private readonly opts: ActivityPoolOptions) {}

  /** Queues an invocation; call pump() to start it. */
  enqueue(ref: ActivityRef): void {
    this.queue.push(ref);
  }

  /** Whether nothing is queued or running. */
  get idle(): boolean {
    return this.queue.length === 0 && this.running === 0;
  }

  /** Stops starting invocations (running ones finish; their results are dropped by the engine). */
  stop(): void {
    this.stopped = true;
  }

  /** Starts queued invocations up to the concurrency limit. */
  pump(): void {
    while (!this.stopped && this.running < this.opts.concurrency && this.queue.length > 0) {
      const ref = this.queue.shift();
      if (ref) void this.runOne(ref);
    }
    this.opts.onSettled();
  }

  private async runOne(ref: ActivityRef): Promise<void> {
    const work = this.opts.lookup(ref);
    if (!work) return;
    this.running++;
    let message: InboxMessage;
    try {
      const result = await this.withTimeout(work.name, this.opts.run(work.name, work.input));
      message = { kind: "taskCompleted", seq: ref.seq, result: JSON.stringify(result ?? null) };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      message = { kind: "taskFailed", seq: ref.seq, reason: `Activity function '${work.name}' failed: ${err.message}`, details: err.stack ?? "" };
    } finally {
      this.running--;
    }
    if (!this.stopped) this.opts.deliver(ref, message);
    this.pump();
  }

  private withTimeout<T>(name: string, call: Promise<T>): Promise<T> {
    const limit = this.opts.timeoutMs;
    if (limit === undefined) return call;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Timeout value of ${formatTimeSpan(limit)} was exceeded by function: Functions.${name}`)), limit);
      timer.unref();
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }
}

function formatTimeSpan(ms: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const s = Math.floor(ms / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
