import { z } from "zod";
import { TimelineEntry } from "../domain/demand";
import { DataCategory, DemandStatus, LegalProcessKind, Outcome, RejectionReason } from "../domain/enums";
import type { DemandRecord } from "../domain/demand-record";
import { DomainError } from "../errors/domain-error";
import type { DemandStore, VersionedDemand } from "../ports/demand-store";

/** What a requester may see of its demand: where it stands and why, never customer data (R1). */
export const DemandStatusViewSchema = z
  .object({
    id: z.string(),
    status: DemandStatus,
    outcome: Outcome.nullable(),
    receivedAt: z.iso.datetime(),
    legalProcess: z.object({ kind: LegalProcessKind, reference: z.string() }),
    targetCount: z.number().int().meta({ description: "How many identifiers the demand names (never their values)." }),
    categoriesRequested: z.array(DataCategory),
    categoriesAllowed: z.array(DataCategory).nullable(),
    refused: z.array(z.object({ category: DataCategory.optional(), reason: RejectionReason, explanation: z.string() })),
    rejection: z.array(z.object({ reason: RejectionReason, explanation: z.string() })).nullable(),
    redirect: z.boolean().nullable(),
    timeline: z.array(TimelineEntry),
  })
  .meta({ id: "DemandStatus" });
/** What a requester may see of its demand. */
export type DemandStatusView = z.infer<typeof DemandStatusViewSchema>;

/** Reads a demand that belongs to the requester; someone else's is reported as not found. */
export async function readOwnDemand(demands: DemandStore, requesterId: string, id: string): Promise<VersionedDemand> {
  const found = await demands.get(id);
  if (found === null || found.record.requesterId !== requesterId) throw new DomainError("not-found", "No demand of yours has this id.");
  return found;
}

/** The requester's view of a demand. */
export function toStatusView(record: DemandRecord): DemandStatusView {
  return {
    id: record.id,
    status: record.status,
    outcome: record.outcome ?? null,
    receivedAt: record.receivedAt,
    legalProcess: { kind: record.body.legalProcess.kind, reference: record.body.legalProcess.reference },
    targetCount: record.body.targets.length,
    categoriesRequested: record.body.categories,
    categoriesAllowed: record.plan?.allowedCategories ?? null,
    refused: record.plan?.refusedCategories ?? [],
    rejection: record.rejection ?? null,
    redirect: record.plan?.redirect ?? null,
    timeline: record.timeline.filter((entry) => !CUSTOMER_STEPS.has(entry.step)).map(requesterTimelineEntry),
  };
}

// Steps whose detail is what a reviewer wrote for the other reviewers (comments, out-of-band verification notes, why
// notice would endanger someone). A rejection's or challenge's note reaches the requester in its rejection mail.
const REVIEWER_TEXT_STEP = /^(review decision: (?!reject$|challenge$|refuse_reason$)|delayed notice decision: |secrecy order (confirmed|refused)$)/;

// A customer's objection is its word to the provider, not to the requester (for a civil litigant's counsel, the other
// side's move): the requester's view leaves out the steps recording it, and says why a round reopened only in general.
const CUSTOMER_STEPS: ReadonlySet<string> = new Set(["customer objection recorded", "customer objected"]);

// Steps whose detail is told to the requester in general terms only. A parked step's detail names its failure code,
// which is for operators and can tell the requester about the customer (key-access-revoked: the customer withdrew its
// own key, R7); a reopened round's detail can name the customer's objection.
const REQUESTER_STEP_TEXT: Readonly<Record<string, string>> = {
  "needs operator": "A step kept failing; an operator must resume the demand.",
  "review round reopened": "Reviewers decide again, with what arrived during the round in view.",
};

/** A timeline entry as the requester sees it: the step and when, without what reviewers wrote for each other. */
function requesterTimelineEntry(entry: TimelineEntry): TimelineEntry {
  const general = REQUESTER_STEP_TEXT[entry.step];
  if (entry.detail !== undefined && general !== undefined) return { ...entry, detail: general };
  if (entry.detail === undefined || !REVIEWER_TEXT_STEP.test(entry.step)) return entry;
  const { detail: _detail, ...rest } = entry;
  return rest;
}
