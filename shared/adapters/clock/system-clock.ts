import type { Clock } from "../../ports/clock";

/** The machine's wall clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
