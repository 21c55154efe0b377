import type { DemandRecord } from "../domain/demand-record";

/** Who asked for the data, as the customer and reviewers are told it. */
export interface WhoAsked {
  agency: string;
  country: string;
  /** The agency as the demand's body names it ("Name (CC)"), only where it differs from the vetted requester's. */
  asNamedInDemand: string | null;
}

/**
 * The vetted requester intake recorded, with the body's own agency where it differs; a demand recorded before the
 * vetted requester was kept names only the body's agency, as it always did.
 */
export function whoAsked(record: DemandRecord): WhoAsked {
  const declared = record.body.requester;
  const vetted = record.vettedRequester;
  if (vetted === undefined) return { agency: declared.agency, country: declared.country, asNamedInDemand: null };
  // The body is free text the requester writes: only a real difference is worth showing, not its case or spacing.
  const same = normalised(declared.agency) === normalised(vetted.name) && declared.country === vetted.country;
  return { agency: vetted.name, country: vetted.country, asNamedInDemand: same ? null : `${declared.agency} (${declared.country})` };
}

function normalised(name: string): string {
  return name.trim().toLowerCase();
}
