import type { SecrecyOrderRecord } from "../../demand-record";
import type { SecrecyEntryView } from "./model";

/** The lifecycle's view of a demand's stored secrecy filings, in filing order (the review page reads the same view). */
export function secrecyEntries(filings: readonly SecrecyOrderRecord[]): SecrecyEntryView[] {
  // The order filed with the demand carries no document of its own (it is part of the filed process).
  return filings.map((entry, index) => ({
    index,
    reference: entry.order.reference,
    ...(entry.order.expiresOn === undefined ? {} : { expiresOn: entry.order.expiresOn }),
    lifted: entry.lifted,
    atIntake: entry.documentSha256 === undefined,
    ...(entry.ruling === undefined ? {} : { ruling: entry.ruling }),
  }));
}
