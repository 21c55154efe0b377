import type { DemandRecord } from "../domain/demand-record";
import type { DemandStatus } from "../domain/enums";
import { LifecycleEvent } from "../domain/lifecycle/lifecycle-events";
import { DomainError } from "../errors/domain-error";
import type { AuditLog } from "../ports/audit-log";
import type { DemandStore } from "../ports/demand-store";
import type { LifecycleControl } from "../ports/lifecycle-control";
import { readOwnDemand } from "./demand-status";
import { startIfReceived } from "./start-recorded-lifecycle";
import { appendStep, updateDemand } from "./update-demand";

// A parked demand holds the withdrawal and applies it on resume (or records it refused, if collection had begun).
const WITHDRAWABLE: ReadonlySet<DemandStatus> = new Set(["received", "awaiting_redirect", "in_review", "awaiting_notice_window", "needs_operator"]);

/** What requester actions on a running lifecycle need. */
export interface RequesterActionDeps {
  demands: DemandStore;
  lifecycle: LifecycleControl;
  now: () => Date;
}

/** Asks the lifecycle to withdraw the requester's demand (before anything is collected); after a redirect it counts as redirected (R4). */
export async function withdrawDemand(
  deps: RequesterActionDeps & { audit: AuditLog },
  requesterId: string,
  id: string,
  options: { suspended?: boolean } = {},
): Promise<DemandRecord> {
  const { record } = await readOwnDemand(deps.demands, requesterId, id);
  if (record.outcome === "withdrawn" || record.outcome === "redirected") return record;
  if (!WITHDRAWABLE.has(record.status)) throw new DomainError("invalid-state", `A demand that is ${record.status} can no longer be withdrawn.`);
  // The step is written only after the event was raised: a request sent again before the lifecycle applied it (a double
  // click, a client's retry) is answered as it stands, not passed on twice (the second would be recorded "not applied").
  if (withdrawalPending(record)) return record;
  // R1: recorded on the demand before it is passed on, by a write that refuses once collection began: the disclosure
  // after the objection window reads it there, so one that reaches the lifecycle late (Azure) still withdraws it.
  const at = deps.now().toISOString();
  const claimed = await updateDemand(deps.demands, id, (r) => {
    if (!WITHDRAWABLE.has(r.status)) throw new DomainError("invalid-state", `A demand that is ${r.status} can no longer be withdrawn.`);
    return r.withdrawalRequestedAt === undefined ? { ...r, withdrawalRequestedAt: at } : null;
  });
  try {
    await startIfReceived(deps, claimed);
    await deps.lifecycle.raise(id, LifecycleEvent.requesterAction, { action: "withdraw" });
  } catch (error) {
    // It reached nobody and the requester is told so: it must not withdraw the demand later unasked.
    await updateDemand(deps.demands, id, (r) => (r.withdrawalRequestedAt === at ? withoutWithdrawal(r) : null)).catch(() => undefined);
    throw error;
  }
  // Portal access is suspended for everything else, so the one action it still allows is on the record.
  if (options.suspended === true) {
    await deps.audit.append(
      id,
      { at: deps.now().toISOString(), actor: `requester:${requesterId}`, step: "withdrawal_requested", detail: "Withdrawn by the requester while its portal access is suspended." },
      { once: `${id}:audit:withdrawal-while-suspended` },
    );
  }
  return appendStep(deps, id, WITHDRAWAL_REQUESTED, "The requester withdrew the demand.");
}

const WITHDRAWAL_REQUESTED = "withdrawal requested";

/** True when a withdrawal was passed to the lifecycle and it has not yet recorded it as not applied. */
function withdrawalPending(record: DemandRecord): boolean {
  const steps = record.timeline.map((entry) => entry.step);
  return steps.lastIndexOf(WITHDRAWAL_REQUESTED) > steps.lastIndexOf("withdrawal not applied");
}

const REASON_RECEIVED = "cannot-redirect reason received";

/**
 * Passes the requester's legal reason why the enterprise customer cannot be approached to a reviewer (R4). One reason
 * per demand: the check and the write are one conditional write, so of two answers sent at once only one is stored and
 * passed on. The same answer again (a retry after a failure) passes it on if that had not happened yet; a hand-over that
 * fails releases the claim, so a reworded answer is accepted too.
 */
export async function answerCannotRedirect(deps: RequesterActionDeps & { audit: AuditLog }, requesterId: string, id: string, reason: string): Promise<DemandRecord> {
  const { record } = await readOwnDemand(deps.demands, requesterId, id);
  if (record.cannotRedirectReason === reason && passedOn(record)) return record;
  // R4: the time is recorded with the answer, by the write that requires the demand still open to answers: once the
  // redirect deadline's step has closed it, the lifecycle reads the answer there, so one delivered late is still heard.
  const accepted = deps.now().toISOString();
  const claimed = await updateDemand(deps.demands, id, (r) => {
    if (r.cannotRedirectReason === reason) return null;
    if (!awaitsRedirectAnswer(r)) throw new DomainError("invalid-state", "The demand is not waiting for a redirect answer.");
    if (r.cannotRedirectReason !== undefined) throw new DomainError("invalid-state", "A reason was already given for this demand.");
    return { ...r, cannotRedirectReason: reason, cannotRedirectAnsweredAt: accepted };
  });
  if (passedOn(claimed)) return claimed;
  const at = deps.now().toISOString();
  try {
    await startIfReceived(deps, claimed);
    await deps.lifecycle.raise(id, LifecycleEvent.requesterAction, { action: "cannot_redirect", reason, answeredAt: claimed.cannotRedirectAnsweredAt ?? at });
  } catch (error) {
    // The reason reached nobody: the claim is released so the requester may send it again, reworded or not. Not once the
    // deadline's step closed the demand to answers: the lifecycle reads it there and may have put it to a reviewer.
    await updateDemand(deps.demands, id, (r) => (r.cannotRedirectReason === reason && !passedOn(r) && awaitsRedirectAnswer(r) ? withoutReason(r) : null)).catch(() => undefined);
    throw error;
  }
  return updateDemand(deps.demands, id, (r) =>
    passedOn(r) ? null : { ...r, cannotRedirectReason: r.cannotRedirectReason ?? reason, timeline: [...r.timeline, { at, step: REASON_RECEIVED, detail: "The requester gave a legal reason why the customer cannot be approached." }] },
  );
}

/**
 * Waiting for the requester's answer, or about to: intake told the requester the demand is redirected while it is still
 * 'received' (until the lifecycle's first step has run, or the scan has started a lifecycle intake could not), and an
 * answer sent then is held by the lifecycle as a withdrawal is.
 */
function awaitsRedirectAnswer(record: DemandRecord): boolean {
  return record.status === "awaiting_redirect" || (record.status === "received" && record.plan?.redirect === true) || splitAwaitsAnswer(record);
}

/** R4: a demand naming consumer accounts too has them reviewed while its redirect awaits the answer (taken until their release). */
const CONSUMER_PART_UNDER_WAY: ReadonlySet<DemandStatus> = new Set(["in_review", "awaiting_notice_window"]);

function splitAwaitsAnswer(record: DemandRecord): boolean {
  const split = record.plan?.redirect === true && (record.plan.directTargets ?? []).length > 0;
  return split && CONSUMER_PART_UNDER_WAY.has(record.status) && !record.timeline.some((entry) => entry.step === "redirect deadline passed");
}

function withoutWithdrawal(record: DemandRecord): DemandRecord {
  const { withdrawalRequestedAt: _released, ...rest } = record;
  return rest;
}

function withoutReason(record: DemandRecord): DemandRecord {
  const { cannotRedirectReason: _released, cannotRedirectAnsweredAt: _at, ...rest } = record;
  return rest;
}

/** True once the reason has been handed to the lifecycle (the step is written only after the event was raised). */
function passedOn(record: DemandRecord): boolean {
  return record.timeline.some((entry) => entry.step === REASON_RECEIVED);
}
