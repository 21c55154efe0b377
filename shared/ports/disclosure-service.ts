import type { DemandRecord } from "../domain/demand-record";
import type { DisclosureResult } from "../domain/lifecycle/activity-inputs";
import type { DisclosureScope } from "../domain/lifecycle/scope";

/** Collects exactly the approved scope, seals it and releases it to the requester (R1, R6, R7). */
export interface DisclosureService {
  /** Collects, seals and releases; what was released is reported, never the data itself. */
  disclose(demand: DemandRecord, scope: DisclosureScope): Promise<DisclosureResult>;
}
