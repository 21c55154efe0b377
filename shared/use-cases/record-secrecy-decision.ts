import type { DemandRecord } from "../domain/demand-record";
import type { DemandStore } from "../ports/demand-store";
import type { ReviewDecisionEvent } from "../review/review-decision";
import { updateDemand } from "./update-demand";

type SecrecyDecision = NonNullable<DemandRecord["secrecyDecisions"]>[number];

/** The review kinds whose decisions the step at a secrecy order's end reads from the demand (R9). */
const READ_AT_ORDER_END: ReadonlySet<string> = new Set(["secrecy_expiry", "secrecy_confirmation"]);

/**
 * R9: records a secrecy-expiry or confirmation decision on the demand before it is raised, by a write that requires its
 * round still open on the record: the step at the order's end closes the rounds there first and then reads the decisions,
 * so one decided before the end but delivered after its Tick still counts. False when the round is closed (refuse it);
 * true for other kinds (nothing to record) and for a retry of the same reviewer's decision.
 */
export async function recordSecrecyDecision(demands: DemandStore, demandId: string, event: ReviewDecisionEvent): Promise<boolean> {
  if (!READ_AT_ORDER_END.has(event.kind)) return true;
  let open = true;
  await updateDemand(demands, demandId, (r) => {
    const recorded = r.secrecyDecisions ?? [];
    if (recorded.some((d) => d.round === event.round && d.reviewer === event.reviewer)) return null;
    open = !closedOnRecord(r, event.round);
    return open ? { ...r, secrecyDecisions: [...recorded, toRecorded(event)] } : null;
  });
  return open;
}

/**
 * Removes a recorded decision whose raise failed (the reviewer is told nothing was recorded), while its round is still
 * open; once the order's end closed it, the lifecycle may have read it, so it stays. True when it stays (it counts).
 */
export async function releaseSecrecyDecision(demands: DemandStore, demandId: string, event: ReviewDecisionEvent): Promise<boolean> {
  if (!READ_AT_ORDER_END.has(event.kind)) return false;
  let kept = false;
  await updateDemand(demands, demandId, (r) => {
    const recorded = r.secrecyDecisions ?? [];
    const mine = (d: SecrecyDecision) => d.round === event.round && d.reviewer === event.reviewer && d.decidedAt === event.decidedAt;
    kept = recorded.some(mine) && closedOnRecord(r, event.round);
    if (!recorded.some(mine) || kept) return null;
    return { ...r, secrecyDecisions: recorded.filter((d) => !mine(d)) };
  });
  return kept;
}

/** The round as the lifecycle recorded it is closed (the review page found it open moments before). */
function closedOnRecord(record: DemandRecord, round: string): boolean {
  return record.reviewRounds.some((r) => r.round === round && !r.open);
}

function toRecorded(event: ReviewDecisionEvent): SecrecyDecision {
  return {
    round: event.round,
    kind: event.kind as SecrecyDecision["kind"],
    reviewer: event.reviewer,
    action: event.action,
    decidedAt: event.decidedAt,
    ...(event.withholdReason === undefined ? {} : { withholdReason: event.withholdReason }),
    ...(event.comment === undefined ? {} : { comment: event.comment }),
  };
}
