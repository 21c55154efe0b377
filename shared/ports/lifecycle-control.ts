/** Starts a demand's lifecycle and sends it events (the durable client, in production). */
export interface LifecycleControl {
  /** Starts the lifecycle of a demand unless it already exists. */
  ensureStarted(demandId: string): Promise<void>;
  /** Delivers an external event to the demand's lifecycle; a finished lifecycle ignores it. */
  raise(demandId: string, eventName: string, payload: unknown): Promise<void>;
  /** The demands whose lifecycle instance failed (the engine gave up on it): none should exist; the scan reports any. */
  listFailed(): Promise<string[]>;
}
