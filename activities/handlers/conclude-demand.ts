import type { Outcome } from "../../shared/domain/enums";
import type { AuditLog } from "../../shared/ports/audit-log";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { OutcomeCounter } from "../../shared/ports/outcome-counter";
import { countLifecycleStep } from "../../shared/telemetry/lifecycle-metrics";
import { updateDemand } from "../../shared/use-cases/update-demand";

/** What concluding needs. */
export interface ConcludeDemandDeps {
  demands: DemandStore;
  audit: AuditLog;
  counter: OutcomeCounter;
}

/**
 * R11: the demand's outcome is final: stored once and counted once in the half-year the demand was received, even when the
 * lifecycle stays open for a delayed notice (a disclosure under an open-ended secrecy order is counted now, not never).
 */
export function makeConcludeDemandHandler(resolve: () => Promise<ConcludeDemandDeps>) {
  return async (input: { demandId: string; at: string; key: string; outcome: Outcome }): Promise<void> => {
    const { demands, audit, counter } = await resolve();
    const concluded = await updateDemand(demands, input.demandId, (record) =>
      record.outcome !== undefined ? null : { ...record, outcome: input.outcome, concludedAt: input.at },
    );
    await counter.countClosed(concluded);
    countLifecycleStep("concluded", concluded.outcome ?? input.outcome);
    await audit.append(input.demandId, { at: input.at, actor: "system", step: "outcome", detail: `outcome ${concluded.outcome ?? input.outcome}` }, { once: `${input.key}:audit` });
  };
}
