import type { LoadDemandInput } from "../../shared/domain/lifecycle/activity-contracts";
import type { DemandFacts } from "../../shared/domain/lifecycle/decider";
import type { DemandStore } from "../../shared/ports/demand-store";

/** Reads what the lifecycle decides from: the plan, the requested scope and every secrecy order with its standing. */
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
      // The order filed with the demand carries no document of its own (it is part of the filed process).
      secrecyOrders: record.secrecyOrders.map((entry, index) => ({
        index,
        reference: entry.order.reference,
        ...(entry.order.expiresOn === undefined ? {} : { expiresOn: entry.order.expiresOn }),
        lifted: entry.lifted,
        atIntake: entry.documentSha256 === undefined,
        ...(entry.ruling === undefined ? {} : { ruling: entry.ruling }),
      })),
    };
  };
}
