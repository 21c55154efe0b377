import type { ActivityInput, ActivityOutput } from "../../shared/domain/lifecycle/activity-contracts";
import { objectionsPending, withdrawalPending } from "../../shared/domain/lifecycle/objection-gate";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { DisclosureService } from "../../shared/ports/disclosure-service";
import type { EffectLedger } from "../../shared/ports/effect-ledger";

/**
 * Collects, seals and releases the approved scope, once per effect key. After an objection window it first reads the
 * demand: a withdrawal (R1), or an objection the lifecycle has not heard (R5), that the API accepted before the window
 * closed holds the disclosure. The check is outside the ledger, so a held disclosure is not remembered as done; once the lifecycle's "collecting"
 * status is written the API accepts no more objections or withdrawals, so the set it checks can no longer grow.
 */
export function makeDiscloseHandler(resolve: () => Promise<{ demands: DemandStore; disclosure: DisclosureService; ledger: EffectLedger }>) {
  return async (input: ActivityInput<"disclose">): Promise<ActivityOutput<"disclose">> => {
    const { demands, disclosure, ledger } = await resolve();
    if (input.objectionWindow !== undefined) {
      const found = await demands.get(input.demandId);
      if (found === null) throw new Error(`demand ${input.demandId} does not exist`);
      // A read from before the lifecycle's own "collecting" write (another session's replica lagging) may miss an objection.
      if (found.record.status === "awaiting_notice_window") throw new Error("[stale-demand-read] the demand was read as it stood before collection began");
      if (withdrawalPending(found.record.withdrawalRequestedAt, input.objectionWindow)) return { itemCount: 0, contentDisclosed: false, nonContentDisclosed: false, withdrawalPending: true };
      const pending = objectionsPending(found.record.customerObjections ?? [], input.objectionWindow);
      if (pending.length > 0) return { itemCount: 0, contentDisclosed: false, nonContentDisclosed: false, objectionsPending: pending };
    }
    return ledger.once(input.effectKey, async () => {
      const found = await demands.get(input.demandId);
      if (found === null) throw new Error(`demand ${input.demandId} does not exist`);
      return disclosure.disclose(found.record, input.scope);
    });
  };
}
