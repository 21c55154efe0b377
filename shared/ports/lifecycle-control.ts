/** Starts a demand's lifecycle and sends it events (the durable client, in production). */
export interface LifecycleControl {
  /**
   * Starts the lifecycle of a demand unless it already exists. `newDemand`: the caller has just created the demand, so
   * no lifecycle can exist yet and the check before starting is skipped.
   */
  ensureStarted(demandId: string, options?: { newDemand?: boolean }): Promise<void>;
  /** Delivers an external event to the demand's lifecycle; a finished lifecycle ignores it. */
  raise(demandId: string, eventName: string, payload: unknown): Promise<void>;
  /** The demands whose lifecycle instance failed (the engine gave up on it): none should exist; the scan reports any. */
  listFailed(): Promise<string[]>;
  /** Deletes the durable history of completed and terminated lifecycles created before the date; answers how many. */
  purgeFinished(createdBefore: Date): Promise<number>;
}
