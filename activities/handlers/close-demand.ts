import type { Outcome } from "../../shared/domain/enums";
import type { AuditLog } from "../../shared/ports/audit-log";
import type { DemandStore } from "../../shared/ports/demand-store";
import { countLifecycleStep } from "../../shared/telemetry/lifecycle-metrics";
import { updateDemand } from "../../shared/use-cases/update-demand";

/** What closing needs. */
export interface CloseDemandDeps {
  demands: DemandStore;
  audit: AuditLog;
}

/** Closes the demand (its outcome was concluded and counted before) and seals the audit trail with a closing entry. */
export function makeCloseDemandHandler(resolve: () => Promise<CloseDemandDeps>) {
  return async (input: { demandId: string; at: string; key: string; outcome: Outcome }): Promise<void> => {
    const { demands, audit } = await resolve();
    await updateDemand(demands, input.demandId, (record) =>
      record.status === "closed" && record.closedAt !== undefined
        ? null
        : {
            ...record,
            status: "closed",
            outcome: record.outcome ?? input.outcome,
            closedAt: input.at,
            wakeAt: undefined,
            timeline: [...record.timeline, { id: input.key, at: input.at, step: "closed", detail: `Outcome: ${record.outcome ?? input.outcome}.` }],
          },
    );
    countLifecycleStep("closed", input.outcome);
    await audit.append(input.demandId, { at: input.at, actor: "system", step: "closed", detail: `outcome ${input.outcome}` }, { once: `${input.key}:audit` });
  };
}
