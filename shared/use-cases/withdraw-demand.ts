import type { DemandRecord } from "../domain/demand-record";
import { DomainError } from "../http/domain-error";
import type { DemandStore } from "../ports/demand-store";
import { readOwnDemand } from "./demand-status";

const FINAL: ReadonlySet<DemandRecord["status"]> = new Set(["rejected", "closed", "delivered", "awaiting_secrecy_expiry"]);

/** Withdraws a requester's open demand; withdrawing after a redirect counts as redirected (R4). */
export async function withdrawDemand(demands: DemandStore, requesterId: string, id: string, now: Date): Promise<DemandRecord> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const { record, etag } = await readOwnDemand(demands, requesterId, id);
    if (record.outcome === "withdrawn" || record.outcome === "redirected") return record;
    if (FINAL.has(record.status)) throw new DomainError("invalid-state", `A demand that is ${record.status} cannot be withdrawn.`);
    const outcome = record.status === "awaiting_redirect" ? "redirected" : "withdrawn";
    const updated: DemandRecord = {
      ...record,
      status: "closed",
      outcome,
      timeline: [...record.timeline, { at: now.toISOString(), step: "withdrawn", detail: `Withdrawn by the requester; counted as ${outcome}.` }],
    };
    if (await demands.replace(updated, etag)) return updated;
  }
  throw new DomainError("conflict", "The demand changed while it was being withdrawn; try again.");
}
