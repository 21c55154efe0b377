import { createHash } from "node:crypto";
import type { RecordStepInput } from "../../shared/domain/lifecycle/activity-inputs";
import type { AuditLog } from "../../shared/ports/audit-log";
import type { DemandStore } from "../../shared/ports/demand-store";
import { countLifecycleStep } from "../../shared/telemetry/lifecycle-metrics";
import { updateDemand } from "../../shared/use-cases/update-demand";

/** What recording a step needs. */
export interface RecordStepDeps {
  demands: DemandStore;
  audit: AuditLog;
}

/** Adds a lifecycle step to the demand's timeline (once per step id), moves its status and review rounds, and appends it to the audit log. */
export function makeRecordStepHandler(resolve: () => Promise<RecordStepDeps>) {
  return async (input: RecordStepInput): Promise<void> => {
    const { demands, audit } = await resolve();
    await updateDemand(demands, input.demandId, (record) => {
      if (record.timeline.some((entry) => entry.id === input.stepId)) return null;
      const rounds = [...record.reviewRounds];
      if (input.reviewRound !== undefined) {
        const index = rounds.findIndex((r) => r.round === input.reviewRound!.round);
        const merged = { ...(index >= 0 ? rounds[index] : {}), ...input.reviewRound };
        if (index >= 0) rounds[index] = merged;
        else rounds.push(merged);
      }
      const ruling = input.secrecyRuling;
      return {
        ...record,
        status: input.status ?? record.status,
        reviewRounds: rounds,
        ...(input.approvedScope === undefined ? {} : { approvedScope: input.approvedScope }),
        secrecyOrders:
          ruling === undefined ? record.secrecyOrders : record.secrecyOrders.map((o, i) => (i === ruling.index ? { ...o, ruling: ruling.ruling, ruledBy: ruling.by, ...(ruling.ruling === "confirmed" ? { confirmedAt: input.at, confirmedBy: ruling.by } : {}) } : o)),
        timeline: [...record.timeline, { id: input.stepId, at: input.at, step: input.step, ...(input.detail === undefined ? {} : { detail: input.detail }) }],
      };
    });
    const actor = chainActor(input.actor ?? "system");
    // Free text from people (comments, objections) stays on the timeline; the audit log keeps only system-written detail.
    const detail = actor === "system" && input.detail !== undefined ? { detail: input.detail } : {};
    await audit.append(input.demandId, { at: input.at, actor, step: auditStepName(input.step), ...detail }, { once: `${input.demandId}:audit:${input.stepId}` });
    countLifecycleStep(auditStepName(input.step), input.status ?? "unchanged");
  };
}

/**
 * The audit log's form of an actor: a reviewer is named by a hash of the signed-in email, as the review pages do
 * (functions/handlers/review-page-handler.ts reviewerActor), so no address is in the chain (R12); an operator is an
 * administrator (the resume endpoint takes the admin key), a role the audit log knows.
 */
export function chainActor(actor: string): string {
  // Mapped here, not in the decider: recorded histories carry "operator:…", and a parked resume retries this activity.
  if (actor.startsWith("operator:")) return `admin:${actor.slice("operator:".length)}`;
  const match = /^reviewer:(.*@.*)$/.exec(actor);
  return match === null ? actor : `reviewer:${createHash("sha256").update(match[1]!).digest("hex")}`;
}

/** The audit log's form of a step name: short, lower case, underscores. */
export function auditStepName(step: string): string {
  return step.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "").slice(0, 64) || "step";
}
