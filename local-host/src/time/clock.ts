/** The host's virtual clock: real time plus an offset that only tests and demos move. */
export class VirtualClock {
  constructor(private offsetMs = 0) {}

  /** The current virtual time in epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** The offset from real time, persisted so the clock survives restarts. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the clock so that now() returns `epochMs` (never used to go backwards while firing timers). */
  setNow(epochMs: number): void {
    this.offsetMs = epochMs - Date.now();
  }
}
