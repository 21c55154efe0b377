import type { DemandRecord } from "../domain/demand-record";
import { DomainError } from "../http/domain-error";
import type { DemandStore, VersionedDemand } from "../ports/demand-store";

/** What a requester may see of its demand: where it stands and why, never customer data. */
export interface DemandStatusView {
  id: string;
  status: DemandRecord["status"];
  outcome: DemandRecord["outcome"] | null;
  receivedAt: string;
  legalProcess: { kind: string; reference: string };
  targetCount: number;
  categoriesRequested: string[];
  categoriesAllowed: string[] | null;
  refused: { category?: string | undefined; reason: string; explanation: string }[];
  rejection: { reason: string; explanation: string }[] | null;
  redirect: boolean | null;
  timeline: DemandRecord["timeline"];
}

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
    timeline: record.timeline,
  };
}
