import { z } from "zod";
import type { DemandRecord } from "../domain/demand-record";
import { Outcome, RequesterKind } from "../domain/enums";
import { CountryCode } from "../domain/primitives";
import { identifierKey, type ClassifiedTarget } from "../domain/tenant";
import { periodOf, ReportPeriod } from "./period";
import { secrecyOrderBound } from "./secrecy-order-bound";

/** What the transparency report counts about one closed demand; no customer data, no identifiers. */
export const ClosedDemandFacts = z.strictObject({
  demandId: z.string().min(1),
  period: ReportPeriod,
  /** The requester's country (the report is per requesting country). */
  country: CountryCode,
  requesterKind: RequesterKind,
  /** National-security process is counted apart and published only in bands, late (R11). */
  nationalSecurity: z.boolean(),
  outcome: Outcome,
  /** Any found target belongs to an enterprise customer (R4's definition). */
  enterprise: z.boolean(),
  /** How many accounts (targets) the demand named. */
  accountsSpecified: z.number().int().positive(),
  secrecyOrder: z.boolean(),
  emergency: z.boolean(),
  /** Content was disclosed and some of the disclosed accounts' data is stored outside the requester's country. */
  contentOutsideRequesterCountry: z.boolean(),
});
export type ClosedDemandFacts = z.infer<typeof ClosedDemandFacts>;

/**
 * Derives the counted facts of a demand whose outcome is final. Enterprise or consumer is as intake found it (`owners`);
 * the caller passes the targets as the directory classifies them now, for their data location and for demands recorded
 * before intake kept that (empty when the demand was rejected before classification: then it counts as consumer, with
 * no data location).
 */
export function deriveClosedDemandFacts(record: DemandRecord, targets: readonly ClassifiedTarget[]): ClosedDemandFacts {
  // R11: counted once the outcome is final, even while the demand stays open for a delayed notice.
  if (record.outcome === undefined) {
    throw new Error("only a demand with a final outcome is counted");
  }
  const { requester, legalProcess, emergency } = record.body;
  const found = targets.filter((t) => t.found);
  // Only accounts in the approved scope (after any narrowing) had data collected and disclosed (R6).
  const approved = record.approvedScope === undefined ? null : new Set(record.approvedScope.targets.map((t) => identifierKey(t.type, t.value)));
  const disclosedFrom = approved === null ? found : found.filter((t) => approved.has(identifierKey(t.type, t.value)));
  return ClosedDemandFacts.parse({
    demandId: record.id,
    period: periodOf(record.receivedAt),
    country: requester.country,
    requesterKind: requester.kind,
    nationalSecurity: legalProcess.kind === "national_security",
    outcome: record.outcome,
    enterprise: enterpriseAtIntake(record) ?? found.some((t) => t.enterprise),
    accountsSpecified: record.body.targets.length,
    secrecyOrder: secrecyOrderBound(record),
    emergency: emergency !== undefined || legalProcess.kind === "emergency_request",
    contentOutsideRequesterCountry:
      record.outcome === "disclosed_content" && disclosedFrom.some((t) => t.dataCountry !== undefined && t.dataCountry !== requester.country),
  });
}

/**
 * Whether intake found an enterprise customer (R4, R11): the redirect was decided on it, so a tenant re-classified since
 * does not change how the demand counts. Undefined for a demand recorded before intake kept it (then classified now).
 */
function enterpriseAtIntake(record: DemandRecord): boolean | undefined {
  const owners = record.owners;
  if (owners === undefined || owners.some((o) => o.enterprise === undefined)) return undefined;
  return owners.some((o) => o.enterprise === true);
}
