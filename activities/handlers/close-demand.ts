import type { CloseDemandInput } from "../../shared/domain/lifecycle/activity-inputs";
import type { AuditLog } from "../../shared/ports/audit-log";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { EffectLedger } from "../../shared/ports/effect-ledger";
import type { OutcomeCounter } from "../../shared/ports/outcome-counter";
import { countLifecycleStep } from "../../shared/telemetry/lifecycle-metrics";
import { updateDemand } from "../../shared/use-cases/update-demand";

/** What closing needs. */
export interface CloseDemandDeps {
  demands: DemandStore;
  audit: AuditLog;
  ledger: EffectLedger;
  counter: OutcomeCounter;
}

/** Closes the demand with its one outcome, counts it for the transparency report and seals the audit trail with a closing entry. */
export function makeCloseDemandHandler(resolve: () => Promise<CloseDemandDeps>) {
  return async (input: CloseDemandInput): Promise<void> => {
    const { demands, audit, ledger, counter } = await resolve();
    const closed = await updateDemand(demands, input.demandId, (record) =>
      record.status === "closed" && record.outcome === input.outcome && record.closedAt !== undefined
        ? null
        : {
            ...record,
            status: "closed",
            outcome: input.outcome,
            closedAt: input.at,
            timeline: [...record.timeline, { id: `${input.effectKey}`, at: input.at, step: "closed", detail: `Outcome: ${input.outcome}.` }],
          },
    );
    await counter.countClosed(closed);
    countLifecycleStep("closed", input.outcome);
    await ledger.once(`${input.effectKey}:audit`, () => audit.append(input.demandId, { at: input.at, actor: "system", step: "closed", detail: `outcome ${input.outcome}` }));
  };
}
