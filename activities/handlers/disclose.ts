import type { ActivityInput, ActivityOutput } from "../../shared/domain/lifecycle/activity-contracts";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { DisclosureService } from "../../shared/ports/disclosure-service";
import type { EffectLedger } from "../../shared/ports/effect-ledger";

/** Collects, seals and releases the approved scope, once per effect key. */
export function makeDiscloseHandler(resolve: () => Promise<{ demands: DemandStore; disclosure: DisclosureService; ledger: EffectLedger }>) {
  return async (input: ActivityInput<"disclose">): Promise<ActivityOutput<"disclose">> => {
    const { demands, disclosure, ledger } = await resolve();
    return ledger.once(input.effectKey, async () => {
      const found = await demands.get(input.demandId);
      if (found === null) throw new Error(`demand ${input.demandId} does not exist`);
      return disclosure.disclose(found.record, input.scope);
    });
  };
}
