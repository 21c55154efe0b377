import type { DurableEngine } from "../durable/engine";
import type { Journal } from "../store/journal";
import type { VirtualClock } from "./clock";
import type { TimerTriggers } from "./timer-triggers";

/** Fires durable timers and timer triggers on the virtual clock, in real time or when the clock is advanced. */
export class Scheduler {
  private wake: NodeJS.Timeout | undefined;
  private advancing: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly clock: VirtualClock,
    private readonly engine: DurableEngine,
    private readonly triggers: TimerTriggers,
    private readonly journal: Journal,
  ) {
    engine.onTimersChanged = () => this.reschedule();
  }

  /** Re-arms the real-time wake-up for the earliest pending timer. */
  reschedule(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = undefined;
    if (this.stopped || this.advancing) return;
    const next = minDefined(this.engine.nextTimerDue(), this.triggers.nextDue());
    if (next === undefined) return;
    const delay = Math.min(Math.max(next - this.clock.now(), 0), 60_000);
    this.wake = setTimeout(() => this.fireDueNow(), delay);
    this.wake.unref();
  }

  /** Stops firing anything. */
  stop(): void {
    this.stopped = true;
    if (this.wake) clearTimeout(this.wake);
  }

  /**
   * Moves the clock to `target`, firing everything due on the way in time order and letting the work each
   * firing causes settle before the next one; resolves with the new time once all is quiescent.
   */
  advanceTo(target: number): Promise<number> {
    const previous = this.advancing ?? Promise.resolve(0);
    const run = previous.then(() => this.step(target));
    this.advancing = run;
    const clear = () => {
      if (this.advancing === run) {
        this.advancing = undefined;
        this.reschedule();
      }
    };
    run.then(clear, clear);
    return run;
  }

  /** Sets the clock to `target`: forwards fires everything due on the way; backwards just moves the clock. */
  async setTo(target: number): Promise<number> {
    if (target >= this.clock.now()) return this.advanceTo(target);
    this.clock.setNow(target);
    this.journal.put("clock", "offset", this.clock.offset);
    await this.journal.durable();
    this.reschedule();
    return this.clock.now();
  }

  private async step(target: number): Promise<number> {
    if (this.wake) clearTimeout(this.wake);
    await this.engine.whenIdle();
    for (;;) {
      const durable = this.engine.nextTimerDue();
      const trigger = this.triggers.nextDue();
      const next = minDefined(durable, trigger);
      if (this.stopped || next === undefined || next > target) break;
      if (trigger !== undefined && (durable === undefined || trigger <= durable)) {
        const limit = Math.min(durable ?? target, target);
        this.moveTo(this.triggers.latestOccurrenceUpTo(limit) ?? next);
        await Promise.all(this.triggers.fireDue(this.clock.now()));
      } else {
        this.moveTo(next);
        this.engine.fireTimers(this.clock.now());
      }
      await this.engine.whenIdle();
    }
    this.moveTo(target);
    await this.engine.whenIdle();
    await this.engine.commit();
    return this.clock.now();
  }

  private moveTo(time: number): void {
    if (time <= this.clock.now()) return;
    this.clock.setNow(time);
    this.journal.put("clock", "offset", this.clock.offset);
  }

  private fireDueNow(): void {
    this.wake = undefined;
    if (this.stopped || this.advancing) return;
    const now = this.clock.now();
    void this.triggers.fireDue(now);
    this.engine.fireTimers(now);
    this.reschedule();
  }
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
