import type { DemandRecord } from "../domain/demand-record";
import type { AuditLog } from "../ports/audit-log";

/** The audit steps intake writes first in every demand's chain (R12). */
export const INTAKE_AUDIT_STEPS = { received: "received", validated: "validated", rejected: "rejected" } as const;

/**
 * Starts a demand's audit chain with its receipt (the document's hash) and the validation verdict: the reasons of a
 * rejection, or the plan's flags (a conflict of laws flagged for challenge is recorded here, so it is in the chain
 * even when the demand is redirected and never reaches a reviewer). Written before the lifecycle starts. The call that
 * created the demand knows the chain is new, so its tail is not read; a replay (`created` false) completes whatever a
 * failed first call left out, so a retried POST never starts a lifecycle on a chain without its receipt and verdict.
 * Each entry is appended with an idempotency key, so concurrent calls write it once. Details carry reason codes,
 * countries and counts, never customer data.
 */
export async function recordIntakeAudit(audit: AuditLog, record: DemandRecord, created = true): Promise<void> {
  const at = record.receivedAt;
  let written = new Set<string>();
  if (!created) {
    // Chains written before the entries carried keys are recognised by their steps.
    written = new Set((await audit.list(record.id)).map((entry) => entry.step));
    if (written.has(INTAKE_AUDIT_STEPS.received) && (written.has(INTAKE_AUDIT_STEPS.validated) || written.has(INTAKE_AUDIT_STEPS.rejected))) return;
  }
  const once = (step: string) => ({ once: `${record.id}:audit:intake:${step}` });
  if (!written.has(INTAKE_AUDIT_STEPS.received)) await audit.append(
    record.id,
    {
      at,
      actor: `requester:${record.requesterId}`,
      step: INTAKE_AUDIT_STEPS.received,
      detail: `served via ${record.servedVia}; ${record.body.legalProcess.kind}; ${record.body.targets.length} identifier(s); categories ${record.body.categories.join(", ")}`,
      documentDigest: record.document.sha256,
    },
    { ...once(INTAKE_AUDIT_STEPS.received), newChain: created },
  );
  if (record.rejection !== undefined) {
    const reasons = [...new Set(record.rejection.map((finding) => finding.reason))].join(", ");
    await audit.append(record.id, { at, actor: "system", step: INTAKE_AUDIT_STEPS.rejected, detail: `rejected at validation: ${reasons}` }, once(INTAKE_AUDIT_STEPS.rejected));
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
  await audit.append(
    record.id,
    { at, actor: "system", step: INTAKE_AUDIT_STEPS.validated, detail: parts.filter((p) => p !== null).join("; ").slice(0, 2000) },
    once(INTAKE_AUDIT_STEPS.validated),
  );
}
