import type { LoadDemandInput } from "../../shared/domain/lifecycle/activity-inputs";
import type { LifecycleDemand } from "../../shared/domain/lifecycle/lifecycle-demand";
import { effectiveSecrecy } from "../../shared/domain/lifecycle/secrecy";
import type { DemandStore } from "../../shared/ports/demand-store";

/** Reads what the lifecycle needs of a demand: its plan, its approved scope and the secrecy order in force. */
export function makeLoadDemandHandler(resolve: () => Promise<{ demands: DemandStore }>) {
  return async (input: LoadDemandInput): Promise<LifecycleDemand> => {
    const { demands } = await resolve();
    const found = await demands.get(input.demandId);
    if (found === null) throw new Error(`demand ${input.demandId} does not exist`);
    const { record } = found;
    const range = record.body.dateRange;
    return {
      id: record.id,
      rejected: record.status === "rejected",
      closed: record.status === "closed",
      plan: record.plan ?? null,
      scope: {
        categories: record.plan?.allowedCategories ?? [],
        targets: record.body.targets,
        dateRange: { from: range.from, to: range.to ?? range.from },
      },
      secrecy: effectiveSecrecy(record.secrecyOrders, input.at.slice(0, 10)),
    };
  };
}
