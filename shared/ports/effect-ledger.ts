/** Remembers side effects already performed, so a retried or replayed activity never repeats one (no second notice, no second package). */
export interface EffectLedger {
  /** Runs `effect` unless one with this key completed before; returns the recorded result either way. */
  once<T>(key: string, effect: () => Promise<T>): Promise<T>;
}
