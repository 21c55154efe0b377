import type { LoadDemandInput } from "../../shared/domain/lifecycle/activity-contracts";
import type { DemandFacts } from "../../shared/domain/lifecycle/decider";
import { secrecyEntries } from "../../shared/domain/lifecycle/decider/secrecy-entries";
import type { DemandStore } from "../../shared/ports/demand-store";

/**
 * Reads what the lifecycle decides from: the plan, the requested scope, every secrecy order with its standing, when the
 * demand was received, and when the API recorded a 'cannot redirect' answer (read again after the redirect deadline, R4).
 */
export function makeLoadDemandHandler(resolve: () => Promise<{ demands: DemandStore }>) {
  return async (input: LoadDemandInput): Promise<DemandFacts> => {
    const { demands } = await resolve();
    const found = await demands.get(input.demandId);
    if (found === null) throw new Error(`demand ${input.demandId} does not exist`);
    const { record } = found;
    // R4: the lifecycle's own status write closed the answer API first; a replica still showing the demand open may miss an answer.
    if (input.expiryRoundClosed !== undefined && record.reviewRounds.some((r) => r.round === input.expiryRoundClosed && r.open)) throw new Error("[stale-demand-read] the demand was read as it stood before the order's end closed its expiry round");
    if (input.redirectClosed === true && record.status === "awaiting_redirect") throw new Error("[stale-demand-read] the demand was read as it stood before the redirect deadline closed it");
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
      ...(record.secrecyDecisions === undefined ? {} : { secrecyDecisions: record.secrecyDecisions }),
      ...(record.cannotRedirectReason !== undefined && record.cannotRedirectAnsweredAt !== undefined ? { redirectAnsweredAt: record.cannotRedirectAnsweredAt } : {}),
    };
  };
}
