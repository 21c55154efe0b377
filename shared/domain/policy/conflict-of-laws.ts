import type { DataCategory } from "../enums";
import { isContentCategory } from "../enums";
import type { CountryCode } from "../primitives";
import type { ClassifiedTarget } from "../tenant";
import { isEuEeaCountry } from "./eu-eea";
import type { DataAccessAgreement } from "./policy-context";
import type { ConflictOfLaws } from "./policy-decision";

/**
 * Flags (never rejects) content stored in the EU/EEA that a requester from outside it seeks without an international
 * agreement covering the region or the country, so a reviewer can consider a challenge.
 */
export function assessConflictOfLaws(
  allowed: readonly DataCategory[],
  targets: readonly ClassifiedTarget[],
  requesterCountry: CountryCode,
  agreements: ReadonlyArray<DataAccessAgreement>,
): ConflictOfLaws | null {
  if (!allowed.some(isContentCategory) || isEuEeaCountry(requesterCountry)) return null;
  const covered = (dataCountry: CountryCode) =>
    agreements.some(
      (agreement) =>
        agreement.requesterCountry === requesterCountry && (agreement.dataRegion === "EU_EEA" || agreement.dataRegion === dataCountry),
    );
  const dataCountries = new Set<CountryCode>();
  for (const target of targets) {
    if (target.found && target.dataCountry !== undefined && isEuEeaCountry(target.dataCountry) && !covered(target.dataCountry)) {
      dataCountries.add(target.dataCountry);
    }
  }
  if (dataCountries.size === 0) return null;
  const countries = [...dataCountries].sort();
  return {
    dataCountries: countries,
    requesterCountry,
    explanation: `Content stored in ${countries.join(", ")} (EU/EEA) is sought by a requester in ${requesterCountry}, and no international agreement between them covers it; consider whether EU/EEA law conflicts with the demand and whether to challenge it.`,
  };
}
