import type { DataCategory } from "../enums";
import type { Finding } from "../demand";
import type { CountryCode } from "../primitives";

/**
 * Whether anyone is to be told (R5). When is not the plan's to say: the lifecycle reads the secrecy orders in force at
 * each step (a later filing, a lifting or an expiry changes it), and a reviewer may withhold notice (R5 b).
 */
export type NoticePlan = { kind: "notify" } | { kind: "none"; reason: "delinked" };

/** A flag for reviewers: an agreement allows the direct order, but the storage country's privacy law conflicts. */
export interface ConflictOfLaws {
  dataCountries: CountryCode[];
  requesterCountry: CountryCode;
  explanation: string;
}

/** How a demand that passed validation is to be handled. */
export interface DemandPlan {
  /** Categories the order supports; when preserveOnly, these are only preserved and nothing is disclosed. */
  allowedCategories: DataCategory[];
  /** Categories refused because the order is below their standard (reason data_type_not_supported). */
  refusedCategories: Finding[];
  /** R4: tell the requester to seek the data from the enterprise customer first. */
  redirect: boolean;
  /** R4: in a redirected demand, the positions of the identifiers not redirected (consumer accounts, de-linked data, no account), reviewed at once. */
  directTargets?: number[] | undefined;
  /** R8: two distinct reviewers when content would be disclosed. */
  reviewersRequired: 1 | 2;
  notice: NoticePlan;
  /** R10: emergency requests are reviewed on a short deadline. */
  emergency: null | { reviewDeadlineMinutes: number };
  /** A preservation request: the data is held, not disclosed. */
  preserveOnly: boolean;
  /** R13: cost reimbursement may be recorded. */
  reimbursementAllowed: boolean;
  conflictOfLaws: null | ConflictOfLaws;
  /** How many of the demand's targets the directory found. */
  targetsFound: number;
}

/** The policy's verdict on a demand: rejected with every reason that applies, or a plan to proceed. */
export type PolicyDecision = { decision: "reject"; findings: Finding[] } | { decision: "proceed"; plan: DemandPlan };
