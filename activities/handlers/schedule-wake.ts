import type { DemandStore } from "../../shared/ports/demand-store";
import { updateDemand } from "../../shared/use-cases/update-demand";

/** Keeps the lifecycle's next deadline on the demand, where the scheduled scan finds it (a wait kept as data). */
export function makeScheduleWakeHandler(resolve: () => Promise<{ demands: DemandStore }>) {
  return async (input: { demandId: string; at: string | null }): Promise<void> => {
    const { demands } = await resolve();
    await updateDemand(demands, input.demandId, (record) => {
      if ((record.wakeAt ?? null) === input.at) return null;
      const { wakeAt: _previous, ...rest } = record;
      return input.at === null ? rest : { ...rest, wakeAt: input.at };
    });
  };
}
