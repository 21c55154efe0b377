import { LifecycleEvent } from "../domain/lifecycle/lifecycle-events";
import type { AuditLog } from "../ports/audit-log";
import type { DemandStore } from "../ports/demand-store";
import type { EffectLedger } from "../ports/effect-ledger";
import type { LifecycleControl } from "../ports/lifecycle-control";
import type { Mailer } from "../ports/mailer";
import { renderMessage } from "../review/messages/message-document";
import { startRecordedLifecycle } from "./start-recorded-lifecycle";

/** What the scan needs. */
export interface WakeScanDeps {
  demands: DemandStore;
  audit: AuditLog;
  lifecycle: LifecycleControl;
  ledger: EffectLedger;
  mailer: Mailer;
  /** Who is told of a demand whose lifecycle failed. */
  operators: string[];
  /** How long a finished lifecycle's durable history is kept, in days from its creation (the purge API's only date filter). */
  historyRetentionDays: number;
  now: () => Date;
  log: (message: string) => void;
}

/** At most this many demands are woken per run; the next run takes the rest. */
const BATCH = 500;

/** How many batches' worth of due demands one run reads, to find those to wake past the ones whose instance refuses. */
const LOOK_PAST = 10;

/** How long intake has to start a demand's lifecycle itself before the scan does it (an intake still running does it). */
const START_GRACE_MS = 5 * 60_000;


const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The scheduled scan: starts the lifecycle of every demand that intake recorded but could not start (the requester was
 * answered 500 and may never retry), raises a Tick to every open demand whose deadline (kept as data on the demand) has
 * come, and reports what no demand should ever be: parked as needing an operator, or with a failed lifecycle instance
 * (operators are mailed once per failed instance). A missed run is caught up by the next one (every past deadline is
 * still due).
 */
export async function wakeDueLifecycles(deps: WakeScanDeps): Promise<{ woken: number; started: number; needingOperator: number; failed: string[] }> {
  const now = deps.now().toISOString();
  // A demand whose lifecycle failed at its first step is still 'received' and stays first in receipt order: the run
  // looks past those (starting them is a no-op) rather than take the same first batch every time.
  // On Azure Storage a query by status reads the whole instances table, so it runs once an hour (the ledger keeps the
  // hour's answer); a failed instance is reported within the hour, and it cannot go on by itself meanwhile anyway.
  const listFailed = () => deps.ledger.once(`failed-instance-scan:${deps.now().toISOString().slice(0, 13)}`, () => deps.lifecycle.listFailed());
  const failedFirst = await listFailed().catch(() => null);
  const skip = new Set(failedFirst ?? []);
  const unstarted = await deps.demands.listUnstarted(new Date(deps.now().getTime() - START_GRACE_MS).toISOString(), BATCH * LOOK_PAST);
  let started = 0;
  for (const id of unstarted.filter((id) => !skip.has(id)).slice(0, BATCH)) {
    try {
      const found = await deps.demands.get(id);
      if (found === null) continue;
      await startRecordedLifecycle(deps, found.record);
      started += 1;
    } catch {
      // The next run tries again.
    }
  }
  if (started > 0) deps.log(`lifecycle scan: started ${started} lifecycle(s) that intake could not start`);
  // A failed or terminated instance refuses the Tick and keeps its stored wake (only its lifecycle moves it), so it
  // stays first in wake order: the run looks past such demands rather than take the same first batch every time.
  const due = await deps.demands.listDue(now, BATCH * LOOK_PAST);
  let woken = 0;
  for (const demand of due) {
    if (woken >= BATCH) break;
    try {
      await deps.lifecycle.raise(demand.id, LifecycleEvent.tick, { wakeAt: demand.wakeAt });
      woken += 1;
    } catch {
      // A finished or unknown instance refuses the event; the failed-instance report below names a failed one.
    }
  }
  const parked = await deps.demands.listNeedingOperator(BATCH);
  if (parked.length > 0) deps.log(`lifecycle scan: ${parked.length} demand(s) need an operator (status needs_operator)`);
  const failed = failedFirst ?? (await listFailed());
  if (failed.length > 0) deps.log(`lifecycle scan: ${failed.length} demand lifecycle(s) failed`);
  for (const id of failed) {
    await deps.ledger.once(`failed-instance-report:${id}`, async () => {
      const message = renderMessage(`Demand lifecycle failed: ${id}`, [
        { paragraph: `The lifecycle of demand ${id} failed and will not go on by itself. Nothing more is released or sent for it until an operator acts.` },
        { paragraph: "Look at its audit trail and the function logs, fix the cause, then rewind the instance with the Durable Functions management API (POST .../instances/{id}/rewind)." },
        { paragraph: "Do not restart it: a restarted lifecycle begins again at the first review round while the demand keeps what the failed run recorded, so its steps and reviewers' decisions would be skipped or refused." },
      ]);
      return (await deps.mailer.send({ to: deps.operators, ...message })).messageId;
    });
  }
  await purgeFinishedHistory(deps);
  return { woken, started, needingOperator: parked.length, failed };
}

/**
 * Once a day, deletes the durable history of finished lifecycles created more than the retention ago, so the task hub
 * (and the failed-instance query) stays the size of the open demands; the demand, its audit log and delivery record stay.
 */
async function purgeFinishedHistory(deps: WakeScanDeps): Promise<void> {
  const day = Math.floor(deps.now().getTime() / DAY_MS) * DAY_MS;
  const before = new Date(day - deps.historyRetentionDays * DAY_MS);
  try {
    await deps.ledger.once(`lifecycle-history-purge:${new Date(day).toISOString().slice(0, 10)}`, async () => {
      const purged = await deps.lifecycle.purgeFinished(before);
      deps.log(`lifecycle scan: purged the durable history of ${purged} finished lifecycle(s) created before ${before.toISOString()}`);
      return purged;
    });
  } catch {
    // The next run tries again.
  }
}
