import type { DemandRecord } from "../domain/demand-record";

/** Counts a closed demand in the transparency report (R11), exactly once per demand. */
export interface OutcomeCounter {
  /** Counts the closed demand; counting the same demand again changes nothing. */
  countClosed(record: DemandRecord): Promise<void>;
}
