import type { DemandRecord } from "../domain/demand-record";
import type { AuditLog } from "../ports/audit-log";
import type { LifecycleControl } from "../ports/lifecycle-control";
import { recordIntakeAudit } from "./record-intake-audit";

/**
 * Starts the lifecycle of a demand still 'received' as the scheduled scan would: the chain's receipt and verdict first
 * (R12), then the lifecycle (a no-op when it runs). Intake may have stored the demand without starting it, and an event
 * raised to no instance is refused, so a requester's action on such a demand starts it before raising.
 */
export async function startIfReceived(deps: { audit: AuditLog; lifecycle: LifecycleControl }, record: DemandRecord): Promise<void> {
  if (record.status !== "received") return;
  await recordIntakeAudit(deps.audit, record, false);
  await deps.lifecycle.ensureStarted(record.id);
}
