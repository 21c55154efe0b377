import { LifecycleEvent } from "../domain/lifecycle/lifecycle-events";
import type { DemandStore } from "../ports/demand-store";
import type { EffectLedger } from "../ports/effect-ledger";
import type { LifecycleControl } from "../ports/lifecycle-control";
import type { Mailer } from "../ports/mailer";
import { renderMessage } from "../review/messages/message-document";

/** What the scan needs. */
export interface WakeScanDeps {
  demands: DemandStore;
  lifecycle: LifecycleControl;
  ledger: EffectLedger;
  mailer: Mailer;
  /** Who is told of a demand whose lifecycle failed. */
  operators: string[];
  now: () => Date;
  log: (message: string) => void;
}

/** At most this many demands are woken per run; the next run takes the rest. */
const BATCH = 500;

/**
 * The scheduled scan: raises a Tick to every open demand whose deadline (kept as data on the demand) has come, and
 * reports what no demand should ever be: parked as needing an operator, or with a failed lifecycle instance (operators
 * are mailed once per failed instance). A missed run is caught up by the next one (every past deadline is still due).
 */
export async function wakeDueLifecycles(deps: WakeScanDeps): Promise<{ woken: number; needingOperator: number; failed: string[] }> {
  const now = deps.now().toISOString();
  const due = await deps.demands.listDue(now, BATCH);
  let woken = 0;
  for (const demand of due) {
    try {
      await deps.lifecycle.raise(demand.id, LifecycleEvent.tick, { wakeAt: demand.wakeAt });
      woken += 1;
    } catch {
      // A finished or unknown instance refuses the event; the failed-instance report below names a failed one.
    }
  }
  const parked = await deps.demands.listNeedingOperator(BATCH);
  if (parked.length > 0) deps.log(`lifecycle scan: ${parked.length} demand(s) need an operator (status needs_operator)`);
  const failed = await deps.lifecycle.listFailed();
  if (failed.length > 0) deps.log(`lifecycle scan: ${failed.length} demand lifecycle(s) failed`);
  for (const id of failed) {
    await deps.ledger.once(`failed-instance-report:${id}`, async () => {
      const message = renderMessage(`Demand lifecycle failed: ${id}`, [
        { paragraph: `The lifecycle of demand ${id} failed and will not go on by itself. Nothing more is released or sent for it until an operator acts.` },
        { paragraph: "Look at its audit trail and the function logs, fix the cause, then restart or rewind the instance with the Durable Functions management API." },
      ]);
      return (await deps.mailer.send({ to: deps.operators, ...message })).messageId;
    });
  }
  return { woken, needingOperator: parked.length, failed };
}
