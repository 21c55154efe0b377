import type { OrchestrationContext, Task } from "durable-functions";

/**
 * One pending wait per event name, kept across loops and phases.
 * The SDK hands an event to the oldest open wait of that name, so a wait abandoned by a lost race
 * would swallow the next event; reusing it until its event has been handled prevents that.
 */
export class EventInbox {
  private readonly pending = new Map<string, Task>();

  constructor(private readonly context: OrchestrationContext) {}

  /** The wait for the next event of this name (possibly already completed and not yet handled). */
  next(name: string): Task {
    let task = this.pending.get(name);
    if (task === undefined) {
      task = this.context.df.waitForExternalEvent(name);
      this.pending.set(name, task);
    }
    return task;
  }

  /** Takes the payload of a completed wait, so the next call waits for a new event. */
  take<T>(name: string): T {
    const task = this.pending.get(name);
    if (task === undefined || !task.isCompleted) throw new Error(`no completed ${name} event to take`);
    this.pending.delete(name);
    return task.result as T;
  }
}
