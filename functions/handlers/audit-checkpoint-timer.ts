import type { InvocationContext, Timer } from "@azure/functions";
import { writeMissingCheckpoints, type CheckpointDeps } from "../../shared/audit/write-daily-checkpoint";

/** What the daily checkpoint timer needs. */
export interface AuditCheckpointTimerDeps extends CheckpointDeps {
  now: () => Date;
}

/** A timer handler in the v4 programming model. */
export type TimerHandler = (timer: Timer, context: InvocationContext) => Promise<void>;

/** The day before `now`, as an ISO date (UTC). */
export function previousUtcDate(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1)).toISOString().slice(0, 10);
}

/**
 * Daily timer: signs and writes the checkpoint of every UTC day since the latest one through yesterday (once
 * each, chained), so a missed run is caught up; warns about chains that no longer verify.
 */
export function makeAuditCheckpointTimer(resolve: () => Promise<AuditCheckpointTimerDeps>): TimerHandler {
  return async (_timer, context) => {
    const deps = await resolve();
    const yesterday = previousUtcDate(deps.now());
    const days = await writeMissingCheckpoints(deps, yesterday);
    if (days.length === 0) context.log(`audit checkpoints are up to date through ${yesterday}`);
    for (const { date, outcome } of days) {
      if (outcome.status === "exists") {
        context.log(`audit checkpoint ${date} already exists`);
        continue;
      }
      context.log(`audit checkpoint ${date} written: ${outcome.checkpoint.treeSize} chains, root ${outcome.checkpoint.root}`);
      if (outcome.previousUnreadable === true) context.warn(`audit checkpoint of the day before ${date} is stored but unreadable; ${date} commits to no previous day`);
      for (const broken of outcome.broken) {
        context.warn(`audit chain of demand ${broken.demandId} does not verify: ${broken.problem} at entry ${broken.brokenAt}`);
      }
    }
  };
}
