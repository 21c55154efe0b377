import type { DemandRecord } from "../domain/demand-record";
import type { DemandStatus } from "../domain/enums";
import { LifecycleEvent } from "../domain/lifecycle/lifecycle-events";
import { DomainError } from "../errors/domain-error";
import type { DemandStore } from "../ports/demand-store";
import type { LifecycleControl } from "../ports/lifecycle-control";
import { readOwnDemand } from "./demand-status";
import { appendStep, updateDemand } from "./update-demand";

const WITHDRAWABLE: ReadonlySet<DemandStatus> = new Set(["received", "awaiting_redirect", "in_review", "awaiting_notice_window"]);

/** What requester actions on a running lifecycle need. */
export interface RequesterActionDeps {
  demands: DemandStore;
  lifecycle: LifecycleControl;
  now: () => Date;
}

/** Asks the lifecycle to withdraw the requester's demand (before anything is collected); after a redirect it counts as redirected (R4). */
export async function withdrawDemand(deps: RequesterActionDeps, requesterId: string, id: string): Promise<DemandRecord> {
  const { record } = await readOwnDemand(deps.demands, requesterId, id);
  if (record.outcome === "withdrawn" || record.outcome === "redirected") return record;
  if (!WITHDRAWABLE.has(record.status)) throw new DomainError("invalid-state", `A demand that is ${record.status} can no longer be withdrawn.`);
  await deps.lifecycle.raise(id, LifecycleEvent.requesterAction, { action: "withdraw" });
  return appendStep(deps, id, "withdrawal requested", "The requester withdrew the demand.");
}

/** Passes the requester's legal reason why the enterprise customer cannot be approached to a reviewer (R4). */
export async function answerCannotRedirect(deps: RequesterActionDeps, requesterId: string, id: string, reason: string): Promise<DemandRecord> {
  const { record } = await readOwnDemand(deps.demands, requesterId, id);
  if (record.status !== "awaiting_redirect") throw new DomainError("invalid-state", "The demand is not waiting for a redirect answer.");
  if (record.cannotRedirectReason !== undefined) throw new DomainError("invalid-state", "A reason was already given for this demand.");
  await updateDemand(deps.demands, id, (r) => ({ ...r, cannotRedirectReason: reason }));
  await deps.lifecycle.raise(id, LifecycleEvent.requesterAction, { action: "cannot_redirect", reason });
  return appendStep(deps, id, "cannot-redirect reason received", "The requester gave a legal reason why the customer cannot be approached.");
}
