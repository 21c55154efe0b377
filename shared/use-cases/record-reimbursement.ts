import { z } from "zod";
import type { DemandRecord } from "../domain/demand-record";
import { reimbursementRefusal } from "../domain/policy/reimbursement";
import { ReimbursementClaim } from "../domain/reimbursement-claim";
import { DomainError } from "../errors/domain-error";
import type { AuditLog } from "../ports/audit-log";
import type { DemandStore } from "../ports/demand-store";
import { updateDemand } from "./update-demand";

/** The body of POST /api/manage/demands/{id}/reimbursement. */
export const ReimbursementInput = ReimbursementClaim.omit({ recordedAt: true }).meta({ id: "ReimbursementInput" });
export type ReimbursementInput = z.infer<typeof ReimbursementInput>;

/** What recording a claim needs. */
export interface RecordReimbursementDeps {
  demands: DemandStore;
  audit: AuditLog;
  now: () => Date;
}

/**
 * Something was released: the outcome says so once it is recorded. Before that, only the "delivered" step vouches for it;
 * a status such as "awaiting_secrecy_expiry" is also that of a demand redirected, withdrawn or rejected while a delayed
 * notice is owed, which disclosed nothing.
 */
function hasDisclosed(record: DemandRecord): boolean {
  if (record.outcome !== undefined) return record.outcome === "disclosed_content" || record.outcome === "disclosed_non_content";
  return record.status === "delivered";
}

/**
 * Records an administrator's reimbursement claim for a compelled disclosure (R13): refused (422) for emergencies,
 * child-exploitation investigations and process that compels nothing; 409 before anything was disclosed or when a
 * claim is already recorded. Audited with the amount and currency (the note stays on the demand).
 */
export async function recordReimbursement(deps: RecordReimbursementDeps, id: string, input: ReimbursementInput, admin: string): Promise<DemandRecord> {
  const at = deps.now().toISOString();
  let alreadyRecorded = false;
  const record = await updateDemand(deps.demands, id, (current) => {
    const refusal = reimbursementRefusal(current.body.legalProcess.kind, current.body.childExploitationInvestigation);
    if (refusal !== null) throw new DomainError("reimbursement-not-allowed", refusal);
    if (!hasDisclosed(current)) throw new DomainError("invalid-state", "Reimbursement is recorded for a disclosure; nothing has been disclosed for this demand.");
    alreadyRecorded = current.reimbursement !== undefined;
    return alreadyRecorded ? null : { ...current, reimbursement: { ...input, recordedAt: at } };
  });
  const claim = record.reimbursement;
  // Audited once by its key, also when a claim is found already recorded: a failure after the write left it unaudited.
  // Timed when written, not when the claim was recorded: a daily checkpoint covers the chains with an entry on its day,
  // so an entry back-dated to a day already checkpointed would never be covered by any (R12).
  if (claim !== undefined) {
    const recordedLater = claim.recordedAt !== at ? `, recorded ${claim.recordedAt}` : "";
    await deps.audit.append(
      id,
      { at, actor: admin, step: "reimbursement_recorded", detail: `claim of ${claim.amount} ${claim.currency}${recordedLater}` },
      { once: `${id}:audit:reimbursement` },
    );
  }
  if (alreadyRecorded) throw new DomainError("invalid-state", "A reimbursement claim is already recorded for this demand.");
  return record;
}
