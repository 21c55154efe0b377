import type { DemandRecord } from "../domain/demand-record";
import { secrecyEndsAt } from "../domain/lifecycle/timing";

/**
 * Whether a secrecy order ever held the demand's notice back, as "with a secrecy order" counts it (R11): one filed with
 * the demand binds from its receipt, one filed later from a reviewer's confirmation (R5). An order that had ended by
 * then, or was lifted before it was confirmed, never bound anything, so it is not a secrecy order on the demand.
 */
export function secrecyOrderBound(record: DemandRecord): boolean {
  const withDemand = record.body.secrecyOrder;
  if (withDemand !== undefined && !endedBy(withDemand.expiresOn, record.receivedAt)) return true;
  const filings = record.secrecyOrders;
  return filings.some((entry, index) => {
    // The order filed with the demand has no document of its own; it was judged above.
    if (entry.lifted || entry.documentSha256 === undefined || entry.ruling !== "confirmed") return false;
    const from = entry.confirmedAt ?? entry.addedAt;
    // A lifting ends the orders of its reference filed before it (decider/secrecy-in-force.ts).
    const liftedBefore = filings.slice(index + 1).some((l) => l.lifted && l.order.reference === entry.order.reference && Date.parse(l.addedAt) <= Date.parse(from));
    return !liftedBefore && !endedBy(entry.order.expiresOn, from);
  });
}

/** Whether an order with this last day in force had ended at `at` (timing.ts: when that day has ended everywhere). */
function endedBy(expiresOn: string | undefined, at: string): boolean {
  return expiresOn !== undefined && secrecyEndsAt(expiresOn).getTime() <= Date.parse(at);
}
