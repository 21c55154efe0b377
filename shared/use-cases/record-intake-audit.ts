import type { DemandRecord } from "../domain/demand-record";
import type { AuditLog } from "../ports/audit-log";

/** The audit steps intake writes first in every demand's chain (R12). */
export const INTAKE_AUDIT_STEPS = { received: "received", validated: "validated", rejected: "rejected" } as const;

/**
 * Starts a demand's audit chain with its receipt (the document's hash) and the validation verdict: the reasons of a
 * rejection, or the plan's flags (a conflict of laws flagged for challenge is recorded here, so it is in the chain
 * even when the demand is redirected and never reaches a reviewer). Only the call that created the demand writes
 * them, before its lifecycle starts, so the chain is new and its tail is not read. Details carry reason codes,
 * countries and counts, never customer data.
 */
export async function recordIntakeAudit(audit: AuditLog, record: DemandRecord): Promise<void> {
  const at = record.receivedAt;
  const newChain = { newChain: true };
  await audit.append(
    record.id,
    {
      at,
      actor: `requester:${record.requesterId}`,
      step: INTAKE_AUDIT_STEPS.received,
      detail: `served via ${record.servedVia}; ${record.body.legalProcess.kind}; ${record.body.targets.length} identifier(s); categories ${record.body.categories.join(", ")}`,
      documentDigest: record.document.sha256,
    },
    newChain,
  );
  if (record.rejection !== undefined) {
    const reasons = [...new Set(record.rejection.map((finding) => finding.reason))].join(", ");
    await audit.append(record.id, { at, actor: "system", step: INTAKE_AUDIT_STEPS.rejected, detail: `rejected at validation: ${reasons}` });
    return;
  }
  if (record.plan === undefined) return;
  const plan = record.plan;
  const parts = [
    `allowed ${plan.allowedCategories.join(", ") || "none"}`,
    plan.refusedCategories.length === 0 ? null : `refused ${plan.refusedCategories.map((f) => `${f.category ?? "?"} (${f.reason})`).join(", ")}`,
    plan.redirect ? "redirect to the enterprise customer" : null,
    plan.emergency === null ? null : "emergency",
    plan.conflictOfLaws === null ? null : `conflict of laws flagged for challenge: ${plan.conflictOfLaws.explanation}`,
  ];
  await audit.append(record.id, { at, actor: "system", step: INTAKE_AUDIT_STEPS.validated, detail: parts.filter((p) => p !== null).join("; ").slice(0, 2000) });
}
