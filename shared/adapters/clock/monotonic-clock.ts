import type { Clock } from "../../ports/clock";

/** A clock that never goes backwards in this process (audit entries, timelines): a step back reads as the last instant. */
export class MonotonicClock implements Clock {
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly source: Clock) {}

  now(): Date {
    this.last = Math.max(this.last, this.source.now().getTime());
    return new Date(this.last);
  }
}
