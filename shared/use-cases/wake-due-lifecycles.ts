import { LifecycleEvent } from "../domain/lifecycle/lifecycle-events";
import type { DemandStore } from "../ports/demand-store";
import type { LifecycleControl } from "../ports/lifecycle-control";

/** What the scan needs. */
export interface WakeScanDeps {
  demands: DemandStore;
  lifecycle: LifecycleControl;
  now: () => Date;
  log: (message: string) => void;
}

/** At most this many demands are woken per run; the next run takes the rest. */
const BATCH = 500;

/**
 * The scheduled scan: raises a Tick to every open demand whose deadline (kept as data on the demand) has come, and reports
 * demands parked as needing an operator. A missed run is caught up by the next one (every past deadline is still due).
 */
export async function wakeDueLifecycles(deps: WakeScanDeps): Promise<{ woken: number; needingOperator: number }> {
  const now = deps.now().toISOString();
  const due = await deps.demands.listDue(now, BATCH);
  let woken = 0;
  for (const demand of due) {
    try {
      await deps.lifecycle.raise(demand.id, LifecycleEvent.tick, { wakeAt: demand.wakeAt });
      woken += 1;
    } catch {
      // A finished or unknown instance refuses the event; the next run tries again, and the parked report shows stuck ones.
    }
  }
  const parked = await deps.demands.listNeedingOperator(BATCH);
  if (parked.length > 0) deps.log(`lifecycle scan: ${parked.length} demand(s) need an operator (status needs_operator)`);
  return { woken, needingOperator: parked.length };
}
