import type { DataCategory, IdentifierType } from "../domain/enums";
import type { DemandRecord } from "../domain/demand-record";
import { CATEGORY_LABELS, IDENTIFIER_LABELS, PROCESS_LABELS } from "../domain/policy/labels";
import { secrecyEntries } from "../domain/lifecycle/decider/secrecy-entries";
import { awaitingRuling, ordersInForce, secrecyInForce } from "../domain/lifecycle/decider/secrecy-in-force";
import type { ConflictOfLaws, NoticePlan } from "../domain/policy/policy-decision";
import { whoAsked } from "./who-asked";

/** What reviewers, requesters and customers may be shown about a demand: no identifier values, no document. */
export interface DemandSummary {
  demandId: string;
  process: string;
  reference: string;
  issuingAuthority: string;
  /** Who asked: the vetted requester recorded at intake (on older demands, the agency the body names). */
  agency: string;
  country: string;
  /** The agency as the demand's body names it, only where it differs from the vetted requester's; else null. */
  agencyAsNamed: string | null;
  categoriesAsked: string[];
  categoriesAllowed: string[];
  categoriesRefused: { category: string; explanation: string }[];
  dateRange: { from: string; to: string };
  identifierCount: number;
  /** "email address × 2", in the order the demand names them. */
  identifierKinds: string[];
  /**
   * The live secrecy state as the lifecycle reads it (never only what intake carried): the orders holding notice back
   * now and until when (a date, or "no end date"), and the later filings still awaiting a reviewer's ruling.
   */
  secrecy: null | { inForce: null | { references: string[]; until: string }; awaitingRuling: string[] };
  emergency: null | { kind: string; summary: string; howDataHelps: string; signingAuthority: string; onOfficialLetterhead: boolean };
  plan: null | {
    redirect: boolean;
    /** R4: the redirect in words: which identifiers it holds back when the demand also names consumer accounts. */
    redirectLine: string;
    reviewersRequired: 1 | 2;
    notice: string;
    emergencyDeadlineMinutes: number | null;
    preserveOnly: boolean;
    conflictOfLaws: ConflictOfLaws | null;
  };
}

/** The displayable summary of a demand record as it stands at `now`. */
export function summarizeDemand(record: DemandRecord, now: Date): DemandSummary {
  const { body, plan } = record;
  const secrecy = liveSecrecy(record, now);
  const asked = whoAsked(record);
  return {
    demandId: record.id,
    process: PROCESS_LABELS[body.legalProcess.kind],
    reference: body.legalProcess.reference,
    issuingAuthority: body.legalProcess.issuingAuthority,
    agency: asked.agency,
    country: asked.country,
    agencyAsNamed: asked.asNamedInDemand,
    categoriesAsked: body.categories.map(categoryLabel),
    categoriesAllowed: (plan?.allowedCategories ?? []).map(categoryLabel),
    categoriesRefused: (plan?.refusedCategories ?? []).flatMap((f) =>
      f.category === undefined ? [] : [{ category: categoryLabel(f.category), explanation: f.explanation }],
    ),
    dateRange: { from: body.dateRange.from, to: body.dateRange.to ?? "open-ended" },
    identifierCount: body.targets.length,
    identifierKinds: countKinds(body.targets.map((t) => t.type)),
    secrecy,
    emergency:
      body.emergency === undefined
        ? null
        : {
            kind: body.emergency.kind.replace(/_/g, " "),
            summary: body.emergency.summary,
            howDataHelps: body.emergency.howDataHelps,
            signingAuthority: body.emergency.signingAuthority,
            onOfficialLetterhead: body.emergency.onOfficialLetterhead,
          },
    plan:
      plan === undefined
        ? null
        : {
            redirect: plan.redirect,
            redirectLine: describeRedirect(plan, body.targets),
            reviewersRequired: plan.reviewersRequired,
            notice: describeNotice(plan.notice, secrecy?.inForce ?? null),
            emergencyDeadlineMinutes: plan.emergency?.reviewDeadlineMinutes ?? null,
            preserveOnly: plan.preserveOnly,
            conflictOfLaws: plan.conflictOfLaws,
          },
  };
}

/** The plain-language name of a category. */
export function categoryLabel(category: DataCategory): string {
  return CATEGORY_LABELS[category];
}

/** How an identifier is shown instead of its value: its position and type. */
export function identifierLabel(index: number, type: IdentifierType): string {
  return `Identifier ${index + 1} (${IDENTIFIER_LABELS[type]})`;
}

function describeRedirect(plan: NonNullable<DemandRecord["plan"]>, targets: readonly { type: IdentifierType }[]): string {
  const direct = plan.directTargets ?? [];
  if (!plan.redirect || direct.length === 0) return plan.redirect ? "yes" : "no";
  const labels = (keep: boolean) => targets.flatMap((t, i) => (direct.includes(i) !== keep ? [] : [identifierLabel(i, t.type)])).join("; ");
  return `yes, for ${labels(false)}; not for ${labels(true)}, reviewed now (consumer accounts are not redirected)`;
}

/** When the customer is told, in words: the plan says whether anyone is; the orders in force now say when. */
function describeNotice(notice: NoticePlan, inForce: { until: string } | null): string {
  // Records stored before the plan stopped judging secrecy carry "prompt" or "delayed": both mean somebody is told.
  if (notice.kind === "none") return "none: the data is de-linked from any customer";
  if (inForce === null) return "prompt notice to the customer before any disclosure";
  return inForce.until === NO_END_DATE
    ? "delayed: a secrecy order with no end date is in force (reviewed at a fixed interval)"
    : `delayed until the secrecy order expires on ${inForce.until}`;
}

const NO_END_DATE = "no end date";

/** The live secrecy state in words, for the review page and reviewers' messages. */
export function describeSecrecy(secrecy: NonNullable<DemandSummary["secrecy"]>): string {
  const parts: string[] = [];
  if (secrecy.inForce !== null) parts.push(`${secrecy.inForce.references.join(", ")} in force until ${secrecy.inForce.until}`);
  else parts.push("none in force");
  if (secrecy.awaitingRuling.length > 0) parts.push(`${secrecy.awaitingRuling.join(", ")} awaiting a reviewer's ruling`);
  return parts.join("; ");
}

function liveSecrecy(record: DemandRecord, now: Date): DemandSummary["secrecy"] {
  const entries = secrecyEntries(record.secrecyOrders);
  const effective = secrecyInForce(entries, now.getTime());
  const awaiting = awaitingRuling(entries).map((e) => e.reference);
  if (effective.kind === "none" && awaiting.length === 0) return null;
  const references = () => [...new Set(ordersInForce(entries, now.getTime()).map((e) => e.reference))];
  return {
    inForce: effective.kind === "none" ? null : { references: references(), until: effective.kind === "until" ? effective.date : NO_END_DATE },
    awaitingRuling: awaiting,
  };
}

function countKinds(types: readonly IdentifierType[]): string[] {
  const counts = new Map<IdentifierType, number>();
  for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${IDENTIFIER_LABELS[type]} × ${n}`);
}
