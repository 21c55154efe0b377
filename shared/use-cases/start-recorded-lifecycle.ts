import type { DemandRecord } from "../domain/demand-record";
import type { AuditLog } from "../ports/audit-log";
import type { LifecycleControl } from "../ports/lifecycle-control";
import { recordIntakeAudit } from "./record-intake-audit";

/** What starting a recorded demand's lifecycle needs. */
export interface StartLifecycleDeps {
  audit: AuditLog;
  lifecycle: LifecycleControl;
}

/**
 * What intake does after recording a demand, done again for one whose start may have failed: the chain's receipt and
 * verdict first (R12), then the lifecycle (a no-op when it runs).
 */
export async function startRecordedLifecycle(deps: StartLifecycleDeps, record: DemandRecord): Promise<void> {
  await recordIntakeAudit(deps.audit, record, false);
  await deps.lifecycle.ensureStarted(record.id);
}

/**
 * Starts the lifecycle of a demand still 'received' before a requester's action is raised to it: intake may have
 * stored the demand without starting it (the scan starts it only minutes later), and an event to no instance is refused.
 */
export async function startIfReceived(deps: StartLifecycleDeps, record: DemandRecord): Promise<void> {
  if (record.status === "received") await startRecordedLifecycle(deps, record);
}
