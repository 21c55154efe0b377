import type { DataCategory } from "../enums";
import { isContentCategory } from "../enums";
import type { CountryCode } from "../primitives";
import type { ClassifiedTarget } from "../tenant";
import { isEuEeaCountry } from "./eu-eea";
import type { DataAccessAgreement } from "./policy-context";
import type { ConflictOfLaws } from "./policy-decision";

/** How a demand's reach into content stored abroad stands (R2, R3). */
export type CrossBorderVerdict =
  | { kind: "none" }
  /** No agreement lets this authority order directly: it exceeds its authority and must come as an MLAT request. */
  | { kind: "mlat_required"; dataCountries: CountryCode[]; requesterCountry: CountryCode; explanation: string }
  /** An agreement allows the direct order, but the law where the data is stored conflicts: flag for a challenge. */
  | { kind: "challenge"; conflict: ConflictOfLaws };

/** What the assessment looks at. */
export interface CrossBorderInput {
  categories: readonly DataCategory[];
  targets: readonly ClassifiedTarget[];
  /** The requester's vetted country: the authority that orders. */
  requesterCountry: CountryCode;
  /** An MLAT request is executed through the provider's own authorities, so it is not a direct foreign order. */
  viaMlat: boolean;
  agreements: ReadonlyArray<DataAccessAgreement>;
}

const EU_EEA = "EU_EEA";

function inRegion(country: CountryCode, region: string): boolean {
  return region === country || (region === EU_EEA && isEuEeaCountry(country));
}

/** True when a configured agreement lets the requester's country order content stored in `dataCountry` directly. */
export function agreementCovers(agreements: ReadonlyArray<DataAccessAgreement>, requesterCountry: CountryCode, dataCountry: CountryCode): boolean {
  return agreements.some((a) => inRegion(requesterCountry, a.requesterCountry) && inRegion(dataCountry, a.dataRegion));
}

// Decision: the one privacy law modelled as conflicting with agreed direct orders is the GDPR (Art. 48: a foreign
// order is no ground for transfer outside an MLAT-like agreement recognised by EU law). So EU/EEA-stored content
// sought by an authority outside the EU/EEA is flagged for challenge even under an agreement (e.g. a CLOUD Act
// executive agreement); orders among member states (the e-Evidence Regulation, configured as EU_EEA:EU_EEA) are not.
function localLawConflicts(requesterCountry: CountryCode, dataCountry: CountryCode): boolean {
  return isEuEeaCountry(dataCountry) && !isEuEeaCountry(requesterCountry);
}

/**
 * Content stored in one country, sought directly by an authority of another: refused as exceeding authority unless a
 * configured agreement covers that pair (by default none does: MLAT only), and flagged for challenge where an agreement
 * allows it but the storage country's privacy law conflicts. Any pair of countries, not only EU/EEA data.
 */
export function assessCrossBorder(input: CrossBorderInput): CrossBorderVerdict {
  const { requesterCountry, agreements } = input;
  if (input.viaMlat || !input.categories.some(isContentCategory)) return { kind: "none" };
  const foreign = new Set<CountryCode>();
  for (const target of input.targets) {
    if (target.found && target.dataCountry !== undefined && target.dataCountry !== requesterCountry) foreign.add(target.dataCountry);
  }
  const countries = [...foreign].sort();
  const uncovered = countries.filter((country) => !agreementCovers(agreements, requesterCountry, country));
  if (uncovered.length > 0) {
    return {
      kind: "mlat_required",
      dataCountries: uncovered,
      requesterCountry,
      explanation: `Content stored in ${uncovered.join(", ")} is sought directly by an authority of ${requesterCountry}, and no agreement between them allows a direct order; it must come as an MLAT request.`,
    };
  }
  const conflicting = countries.filter((country) => localLawConflicts(requesterCountry, country));
  if (conflicting.length === 0) return { kind: "none" };
  return {
    kind: "challenge",
    conflict: {
      dataCountries: conflicting,
      requesterCountry,
      explanation: `Content stored in ${conflicting.join(", ")} (EU/EEA) is sought by an authority of ${requesterCountry} under an agreement that allows direct orders, but EU/EEA privacy law (GDPR Art. 48) conflicts with disclosing it on a foreign order; consider a challenge.`,
    },
  };
}
