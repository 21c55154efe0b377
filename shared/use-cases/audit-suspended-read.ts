import type { DemandRecord } from "../domain/demand-record";
import type { VettedRequester } from "../domain/requester";
import type { AuditLog } from "../ports/audit-log";
import { recordIntakeAudit } from "./record-intake-audit";

/**
 * Records in the demand's chain (R12) that a suspended requester read its status: once per demand for each change of
 * the requester's record (its suspension), so a requester polling while suspended does not grow the chain per poll.
 */
export async function auditStatusReadWhileSuspended(audit: AuditLog, requester: VettedRequester, record: DemandRecord, now: Date): Promise<void> {
  // A demand whose lifecycle intake could not start has no receipt in its chain yet; the receipt and verdict go first.
  if (record.status === "received") await recordIntakeAudit(audit, record, false);
  await audit.append(
    record.id,
    { at: now.toISOString(), actor: `requester:${requester.id}`, step: "status_read_while_suspended", detail: "The requester read the demand's status while its portal access is suspended." },
    { once: `${record.id}:audit:status-read-while-suspended:${requester.updatedAt}` },
  );
}
