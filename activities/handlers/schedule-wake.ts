import type { DemandStore } from "../../shared/ports/demand-store";
import { updateDemand } from "../../shared/use-cases/update-demand";

/**
 * Keeps the lifecycle's next deadline on the demand, where the scheduled scan finds it (a wait kept as data). `stamp` is
 * the orchestration time of the batch that decided it: activities run at least once on Azure, so a duplicate or late run
 * of an older batch can land after a newer one, and a write older than the stored stamp is ignored (the conditional
 * write makes read and write one step). Equal stamps apply in arrival order (batches run in order, and the local host's
 * clock may stand still between them).
 */
export function makeScheduleWakeHandler(resolve: () => Promise<{ demands: DemandStore }>) {
  return async (input: { demandId: string; at: string | null; stamp: string }): Promise<void> => {
    const { demands } = await resolve();
    await updateDemand(demands, input.demandId, (record) => {
      if (record.wakeStamp !== undefined && Date.parse(input.stamp) < Date.parse(record.wakeStamp)) return null;
      if ((record.wakeAt ?? null) === input.at && record.wakeStamp === input.stamp) return null;
      const { wakeAt: _previous, ...rest } = record;
      return input.at === null ? { ...rest, wakeStamp: input.stamp } : { ...rest, wakeAt: input.at, wakeStamp: input.stamp };
    });
  };
}
