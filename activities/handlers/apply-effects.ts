import type { ApplyEffectsInput } from "../../shared/domain/lifecycle/activity-contracts";
import type { Command } from "../../shared/domain/lifecycle/decider";

/** One handler per effect type; each is idempotent by the effect's key or step id. */
export type EffectHandlers = {
  [T in Command["type"]]: (effect: Extract<Command, { type: T }>, context: { demandId: string; at: string }) => Promise<unknown>;
};

/**
 * Runs one decision's effects in order (R12: each effect once, by its key). One activity per decision rather than one
 * per effect keeps a demand's history to tens of events (DESIGN §6); a retry re-runs the batch and skips what was done.
 */
export function makeApplyEffectsHandler(resolve: () => Promise<EffectHandlers>) {
  return async (input: ApplyEffectsInput): Promise<null> => {
    const handlers = await resolve();
    for (const effect of input.effects as Command[]) {
      await (handlers[effect.type] as (e: Command, c: { demandId: string; at: string }) => Promise<unknown>)(effect, { demandId: input.demandId, at: input.at });
    }
    return null;
  };
}
