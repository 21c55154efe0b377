import type { DataCategory, IdentifierType } from "../domain/enums";
import type { DemandRecord } from "../domain/demand-record";
import { CATEGORY_LABELS, IDENTIFIER_LABELS, PROCESS_LABELS } from "../domain/policy/labels";
import type { ConflictOfLaws, NoticePlan } from "../domain/policy/policy-decision";

/** What reviewers, requesters and customers may be shown about a demand: no identifier values, no document. */
export interface DemandSummary {
  demandId: string;
  process: string;
  reference: string;
  issuingAuthority: string;
  agency: string;
  country: string;
  categoriesAsked: string[];
  categoriesAllowed: string[];
  categoriesRefused: { category: string; explanation: string }[];
  dateRange: { from: string; to: string };
  identifierCount: number;
  /** "email address × 2", in the order the demand names them. */
  identifierKinds: string[];
  /** The live secrecy state: every order filed and not lifted (never only what intake carried), the latest expiry. */
  secrecyOrder: null | { reference: string; until: string; unconfirmed: number };
  emergency: null | { kind: string; summary: string; howDataHelps: string };
  plan: null | {
    redirect: boolean;
    reviewersRequired: 1 | 2;
    notice: string;
    emergencyDeadlineMinutes: number | null;
    preserveOnly: boolean;
    conflictOfLaws: ConflictOfLaws | null;
  };
}

/** The displayable summary of a demand record. */
export function summarizeDemand(record: DemandRecord): DemandSummary {
  const { body, plan } = record;
  return {
    demandId: record.id,
    process: PROCESS_LABELS[body.legalProcess.kind],
    reference: body.legalProcess.reference,
    issuingAuthority: body.legalProcess.issuingAuthority,
    agency: body.requester.agency,
    country: body.requester.country,
    categoriesAsked: body.categories.map(categoryLabel),
    categoriesAllowed: (plan?.allowedCategories ?? []).map(categoryLabel),
    categoriesRefused: (plan?.refusedCategories ?? []).flatMap((f) =>
      f.category === undefined ? [] : [{ category: categoryLabel(f.category), explanation: f.explanation }],
    ),
    dateRange: { from: body.dateRange.from, to: body.dateRange.to ?? "open-ended" },
    identifierCount: body.targets.length,
    identifierKinds: countKinds(body.targets.map((t) => t.type)),
    secrecyOrder: liveSecrecy(record),
    emergency:
      body.emergency === undefined
        ? null
        : { kind: body.emergency.kind.replace(/_/g, " "), summary: body.emergency.summary, howDataHelps: body.emergency.howDataHelps },
    plan:
      plan === undefined
        ? null
        : {
            redirect: plan.redirect,
            reviewersRequired: plan.reviewersRequired,
            notice: describeNotice(plan.notice),
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

/** The notice plan in words. */
export function describeNotice(notice: NoticePlan): string {
  switch (notice.kind) {
    case "prompt":
      return "prompt notice to the customer before any disclosure";
    case "delayed":
      return notice.until === "indefinite"
        ? "delayed: a secrecy order with no end date is in force (reviewed at a fixed interval)"
        : `delayed until the secrecy order expires on ${notice.until}`;
    case "none":
      return "none: the data is de-linked from any customer";
  }
}

/** Orders in force or awaiting confirmation: filed and not lifted (a lifting names the order it lifts). */
function liveSecrecy(record: DemandRecord): DemandSummary["secrecyOrder"] {
  const lifted = new Set(record.secrecyOrders.filter((o) => o.lifted).map((o) => o.order.reference));
  const live = record.secrecyOrders.filter((o) => !o.lifted && !lifted.has(o.order.reference));
  if (live.length === 0) return null;
  const until = live.some((o) => o.order.expiresOn === undefined) ? "no end date" : live.map((o) => o.order.expiresOn!).sort().at(-1)!;
  // An order filed after intake (it carries its own document) restrains notice only once a reviewer confirmed it.
  const unconfirmed = live.filter((o) => o.documentSha256 !== undefined && o.confirmedAt === undefined).length;
  return { reference: [...new Set(live.map((o) => o.order.reference))].join(", "), until, unconfirmed };
}

function countKinds(types: readonly IdentifierType[]): string[] {
  const counts = new Map<IdentifierType, number>();
  for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${IDENTIFIER_LABELS[type]} × ${n}`);
}
