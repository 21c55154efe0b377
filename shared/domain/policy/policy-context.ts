import type { ServiceChannel } from "../enums";
import type { CountryCode } from "../primitives";
import type { VettedRequester } from "../requester";
import type { ClassifiedTarget } from "../tenant";

/** Numeric limits the policy applies (R3 overly broad). */
export interface PolicyLimits {
  /** Most distinct identifiers one demand may name. */
  maxAccounts: number;
  /** Longest inclusive date range, in days, for ordinary process. */
  maxRangeDays: number;
  /** Longest inclusive date range, in days, for an emergency request (R10: only what addresses the emergency). */
  maxEmergencyRangeDays: number;
  /** R10: minutes a reviewer has to decide an emergency request (LIFECYCLE_EMERGENCY_REVIEW_DEADLINE, shown on the plan). */
  emergencyReviewMinutes: number;
}

/** Limits used unless configuration says otherwise: 25 accounts, two years (with a leap day), 30 days and one hour in an emergency. */
export const DEFAULT_POLICY_LIMITS: Readonly<PolicyLimits> = { maxAccounts: 25, maxRangeDays: 731, maxEmergencyRangeDays: 30, emergencyReviewMinutes: 60 };

/**
 * An international agreement under which authorities of a country (or of any EU/EEA state) may order content stored in
 * a country or region directly, e.g. a CLOUD Act executive agreement (US:GB, GB:US) or the EU e-Evidence Regulation
 * (EU_EEA:EU_EEA). Without one, a direct order for content stored abroad must come as an MLAT request.
 */
export interface DataAccessAgreement {
  requesterCountry: "EU_EEA" | CountryCode;
  dataRegion: "EU_EEA" | CountryCode;
}

/** Everything besides the demand body that the policy needs; time is passed in, never read. */
export interface PolicyContext {
  /** ISO 8601 datetime; "today" is its UTC date. */
  now: string;
  servedVia: ServiceChannel;
  /** The requester's vetted record from the registry. */
  requester: Pick<VettedRequester, "id" | "kind" | "country" | "jurisdictions" | "status">;
  /** Names the provider answers to (matched ignoring case and punctuation). */
  provider: { legalNames: string[] };
  /** The directory's view of body.targets, in the same order. */
  targets: ClassifiedTarget[];
  limits: PolicyLimits;
  agreements: ReadonlyArray<DataAccessAgreement>;
}
