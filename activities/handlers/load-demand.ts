import type { LoadDemandInput } from "../../shared/domain/lifecycle/activity-contracts";
import type { DemandFacts } from "../../shared/domain/lifecycle/decider";
import { secrecyEntries } from "../../shared/domain/lifecycle/decider/secrecy-entries";
import type { DemandStore } from "../../shared/ports/demand-store";

/** Reads what the lifecycle decides from: the plan, the requested scope, every secrecy order with its standing, and when the demand was received. */
export function makeLoadDemandHandler(resolve: () => Promise<{ demands: DemandStore }>) {
  return async (input: LoadDemandInput): Promise<DemandFacts> => {
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
      secrecyOrders: secrecyEntries(record.secrecyOrders),
      receivedAt: record.receivedAt,
    };
  };
}
