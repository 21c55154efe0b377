import type { InvocationContext, Timer } from "@azure/functions";
import { writeDailyCheckpoint, type CheckpointDeps } from "../../shared/audit/write-daily-checkpoint";

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

/** Daily timer: signs and writes the checkpoint of the previous UTC day (once); warns about chains that no longer verify. */
export function makeAuditCheckpointTimer(resolve: () => Promise<AuditCheckpointTimerDeps>): TimerHandler {
  return async (_timer, context) => {
    const deps = await resolve();
    const date = previousUtcDate(deps.now());
    const outcome = await writeDailyCheckpoint(deps, date);
    if (outcome.status === "exists") {
      context.log(`audit checkpoint ${date} already exists`);
      return;
    }
    context.log(`audit checkpoint ${date} written: ${outcome.checkpoint.treeSize} chains, root ${outcome.checkpoint.root}`);
    for (const broken of outcome.broken) {
      context.warn(`audit chain of demand ${broken.demandId} does not verify: ${broken.problem} at entry ${broken.brokenAt}`);
    }
  };
}
