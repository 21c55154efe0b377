import * as df from "durable-functions";
import type { OrchestrationContext, OrchestrationHandler, Task, TimerTask } from "durable-functions";
import type { Outcome } from "../../shared/domain/enums";
import { addIsoDuration } from "../../shared/domain/iso-duration";
import type {
  CloseDemandInput,
  CustomerNoticeInput,
  DiscloseInput,
  DisclosureResult,
  LoadDemandInput,
  NotifyRequesterInput,
  RecordStepInput,
  RequesterMessage,
  RequestReviewInput,
  ReviewKind,
} from "../../shared/domain/lifecycle/activity-inputs";
import type { LifecycleDemand } from "../../shared/domain/lifecycle/lifecycle-demand";
import {
  LifecycleEvent,
  type CustomerObjectionEvent,
  type RequesterActionEvent,
  type ReviewDecisionEvent,
} from "../../shared/domain/lifecycle/lifecycle-events";
import type { LifecycleInput } from "../../shared/domain/lifecycle/lifecycle-settings";
import { isEmptyScope, narrowScope, scopeForReview, type DisclosureScope } from "../../shared/domain/lifecycle/scope";
import { halfwayBetween, secrecyEndsAt } from "../../shared/domain/lifecycle/timing";
import { EventInbox } from "./event-inbox";
import type { LifecycleActivities } from "./lifecycle-activities";

/** How a demand's lifecycle ended. */
export interface LifecycleResult {
  outcome: Outcome;
}

type Step<T> = Generator<Task, T, unknown>;

type WithholdReason = NonNullable<ReviewDecisionEvent["withholdReason"]>;
type Target = DisclosureScope["targets"][number];

type ReviewResult =
  | { kind: "approved"; scope: DisclosureScope; withheld: WithholdReason | null }
  | { kind: "closed"; outcome: Outcome };

const NOTHING_RELEASED: DisclosureResult = { itemCount: 0, contentDisclosed: false, nonContentDisclosed: false };

// Activities are retried on transient failures; each is idempotent by its effect key.
const RETRY = new df.RetryOptions(5_000, 5);

/** Builds the demand lifecycle orchestrator over its activities (DESIGN §2). */
export function makeDemandLifecycle(activities: LifecycleActivities): OrchestrationHandler {
  return function* demandLifecycle(context: OrchestrationContext) {
    return yield* new LifecycleRun(context, activities, context.df.getInput() as LifecycleInput).run();
  };
}

class LifecycleRun {
  private readonly inbox: EventInbox;
  private readonly id: string;
  /** The demand's identifiers as filed: reviewers narrow by their positions. */
  private demandTargets: Target[] = [];

  constructor(
    private readonly context: OrchestrationContext,
    private readonly acts: LifecycleActivities,
    private readonly input: LifecycleInput,
  ) {
    this.inbox = new EventInbox(context);
    this.id = input.demandId;
  }

  *run(): Step<LifecycleResult> {
    const demand = (yield this.load()) as LifecycleDemand;
    this.demandTargets = demand.scope.targets;
    if (demand.closed) return { outcome: "withdrawn" };
    if (demand.rejected || demand.plan === null) return yield* this.close("rejected", "rejected");
    const plan = demand.plan;

    if (plan.redirect) {
      const redirect = yield* this.redirect();
      if (redirect !== null) return yield* this.close(redirect, "closed");
    }

    const deadline = plan.emergency !== null ? this.input.settings.emergencyReviewDeadline : this.input.settings.reviewDeadline;
    const review = yield* this.review("review-1", "approval", plan.reviewersRequired, deadline, demand.scope);
    if (review.kind === "closed") return yield* this.close(review.outcome, review.outcome === "rejected" ? "rejected" : "closed");
    let scope = review.scope;
    if (isEmptyScope(scope)) return yield* this.close("rejected", "rejected");
    if (plan.preserveOnly) {
      yield this.record({ step: "preserved", detail: "Preservation only: the data is held and nothing is disclosed." });
      return yield* this.close("no_data", "closed");
    }
    if (plan.targetsFound === 0) {
      yield this.record({ step: "no data", detail: "No identifier of the order matches an account." });
      return yield* this.close("no_data", "closed");
    }

    const current = (yield this.load()) as LifecycleDemand;
    const noticeOwed = plan.notice.kind !== "none" && review.withheld === null;
    if (!noticeOwed) {
      const why = review.withheld !== null ? `withheld by a reviewer (${review.withheld})` : "the data is de-linked from any customer";
      yield this.record({ step: "notice not given", detail: `No customer notice: ${why}.` });
    }

    if (current.secrecy.kind === "none") {
      if (noticeOwed) {
        yield this.call("sendCustomerNotice", { demandId: this.id, delayed: false, scope, effectKey: this.key("notice") } satisfies CustomerNoticeInput);
        const window = yield* this.objectionWindow(scope, plan.reviewersRequired, deadline);
        if (window.kind === "closed") return yield* this.close(window.outcome, "closed");
        scope = window.scope;
      }
      const delivered = yield* this.disclose(scope);
      return yield* this.close(outcomeOf(delivered), "closed");
    }

    const delivered = yield* this.disclose(scope);
    if (noticeOwed) yield* this.waitOutSecrecy(current, scope);
    return yield* this.close(outcomeOf(delivered), "closed");
  }

  /** R4: the requester is told to go to the enterprise customer; returns the closing outcome, or null to proceed. */
  private *redirect(): Step<Outcome | null> {
    yield this.call("notifyRequester", {
      demandId: this.id,
      message: "redirect",
      effectKey: this.key("requester:redirect"),
      answerBy: this.after(this.input.settings.redirectDeadline).toISOString(),
    } satisfies NotifyRequesterInput);
    yield this.record({ step: "redirected", status: "awaiting_redirect", detail: "The requester was told to seek the data from the enterprise customer." });
    const timer = this.timer(this.input.settings.redirectDeadline);
    for (;;) {
      const answer = this.inbox.next(LifecycleEvent.requesterAction);
      const winner = (yield this.context.df.Task.any([answer, timer])) as Task;
      if (winner === timer) {
        yield this.record({ step: "redirect deadline passed", detail: "No answer from the requester: closed as redirected." });
        return "redirected";
      }
      const action = this.inbox.take<RequesterActionEvent>(LifecycleEvent.requesterAction);
      if (action.action === "withdraw") {
        timer.cancel();
        yield this.record({ step: "withdrawn after redirect", actor: "requester" });
        return "redirected";
      }
      timer.cancel();
      yield this.record({ step: "cannot redirect", actor: "requester", detail: "The requester gave a legal reason why the customer cannot be approached." });
      const decision = yield* this.review("redirect-1", "redirect", 1, this.input.settings.reviewDeadline, null);
      if (decision.kind === "approved") return null;
      if (decision.outcome === "redirected") yield this.notify("redirect_reason_refused", "redirect-refused");
      return decision.outcome;
    }
  }

  /** R8: a review round; reminders at half time, escalation at the deadline, distinct reviewers. */
  private *review(round: string, kind: ReviewKind, required: number, deadline: string, scope: DisclosureScope | null): Step<ReviewResult> {
    const settings = this.input.settings;
    let pool: RequestReviewInput["pool"] = "primary";
    const reviewScope = scope === null ? undefined : scopeForReview(scope, this.demandTargets);
    // The round is recorded open before any link goes out, so a reviewer who clicks at once finds it.
    yield this.record({
      step: `${kind} review requested`,
      status: "in_review",
      reviewRound: { round, kind, open: true, decidedBy: [], deadline: this.after(deadline).toISOString(), ...(reviewScope === undefined ? {} : { scope: reviewScope }) },
    });
    yield this.askReviewers(round, kind, pool, "initial", deadline);

    const decidedBy: string[] = [];
    let current = scope;
    let withheld: WithholdReason | null = null;
    let approvals = 0;
    let reminderAt: Date | null = this.halfway(deadline);
    let deadlineAt = this.after(deadline);
    let reminders = 0;

    for (;;) {
      const decisionWait = this.inbox.next(LifecycleEvent.reviewDecision);
      const requesterWait = this.inbox.next(LifecycleEvent.requesterAction);
      const wakeAt = reminderAt ?? (reminders <= settings.maxReminders ? deadlineAt : null);
      const timer = wakeAt === null ? null : this.context.df.createTimer(wakeAt);
      const racers = timer === null ? [decisionWait, requesterWait] : [decisionWait, requesterWait, timer];
      const winner = (yield this.context.df.Task.any(racers)) as Task;

      if (timer !== null && winner === timer) {
        if (reminderAt !== null) {
          reminderAt = null;
          yield this.askReviewers(round, kind, pool, "reminder", deadline, `reminder-${reminders}`);
        } else if (pool === "primary") {
          pool = "escalation";
          deadlineAt = this.after(deadline);
          yield this.askReviewers(round, kind, pool, "escalation", deadline);
          yield this.record({ step: "review escalated", detail: "The deadline passed; the second reviewer pool was asked." });
        } else {
          reminders += 1;
          deadlineAt = this.after(deadline);
          yield this.askReviewers(round, kind, pool, "reminder", deadline, `escalated-reminder-${reminders}`);
        }
        continue;
      }
      timer?.cancel();

      if (winner === requesterWait) {
        const action = this.inbox.take<RequesterActionEvent>(LifecycleEvent.requesterAction);
        if (action.action !== "withdraw") continue;
        yield this.record({ step: "withdrawn", actor: "requester", reviewRound: { round, kind, open: false, decidedBy } });
        return { kind: "closed", outcome: kind === "redirect" ? "redirected" : "withdrawn" };
      }

      const decision = this.inbox.take<ReviewDecisionEvent>(LifecycleEvent.reviewDecision);
      if (decision.round !== round || decision.kind !== kind || decidedBy.includes(decision.reviewer)) {
        yield this.record({ step: "decision ignored", detail: `A decision for round ${decision.round} did not apply to the open round.` });
        continue;
      }
      decidedBy.push(decision.reviewer);
      const closing = closingOutcome(decision);
      const done = closing !== null || approvals + 1 >= required;
      yield this.record({
        step: `review decision: ${decision.action}`,
        actor: `reviewer:${decision.reviewer}`,
        detail: decision.comment,
        reviewRound: { round, kind, open: !done, decidedBy: [...decidedBy] },
      });
      if (closing !== null) return { kind: "closed", outcome: closing };
      approvals += 1;
      if (decision.withholdReason !== undefined && decision.action === "withhold_notice") withheld = decision.withholdReason;
      if (decision.narrowing !== undefined && current !== null) current = narrowScope(current, decision.narrowing, this.demandTargets);
      if (approvals >= required) {
        return { kind: "approved", scope: current ?? emptyScope(), withheld };
      }
    }
  }

  /** After a prompt notice: the customer may object (reviewers look again) and the requester may still withdraw. */
  private *objectionWindow(scope: DisclosureScope, required: number, deadline: string): Step<ReviewResult> {
    yield this.record({ step: "objection window opened", status: "awaiting_notice_window" });
    const timer = this.timer(this.input.settings.objectionWindow);
    for (;;) {
      const objection = this.inbox.next(LifecycleEvent.customerObjection);
      const requester = this.inbox.next(LifecycleEvent.requesterAction);
      const winner = (yield this.context.df.Task.any([objection, requester, timer])) as Task;
      if (winner === timer) return { kind: "approved", scope, withheld: null };
      if (winner === requester) {
        const action = this.inbox.take<RequesterActionEvent>(LifecycleEvent.requesterAction);
        if (action.action !== "withdraw") continue;
        timer.cancel();
        yield this.record({ step: "withdrawn", actor: "requester" });
        return { kind: "closed", outcome: "withdrawn" };
      }
      timer.cancel();
      const event = this.inbox.take<CustomerObjectionEvent>(LifecycleEvent.customerObjection);
      yield this.record({ step: "customer objected", actor: "customer", detail: event.summary });
      return yield* this.review("review-2", "approval", required, deadline, scope);
    }
  }

  /** R9: wait while a secrecy order is in force (extensions move the wait; open-ended orders are reviewed periodically), then decide the delayed notice. */
  private *waitOutSecrecy(initial: LifecycleDemand, scope: DisclosureScope): Step<void> {
    yield this.record({ step: "awaiting secrecy order expiry", status: "awaiting_secrecy_expiry" });
    let secrecy = initial.secrecy;
    let periodicReviews = 0;
    while (secrecy.kind !== "none") {
      const wakeAt = secrecy.kind === "until" ? secrecyEndsAt(secrecy.date) : this.after(this.input.settings.secrecyReviewInterval);
      const timer = this.context.df.createTimer(wakeAt);
      const changed = this.inbox.next(LifecycleEvent.secrecyOrderChanged);
      const winner = (yield this.context.df.Task.any([changed, timer])) as Task;
      if (winner === changed) {
        timer.cancel();
        this.inbox.take(LifecycleEvent.secrecyOrderChanged);
        yield this.record({ step: "secrecy order changed" });
      } else if (secrecy.kind === "indefinite") {
        periodicReviews += 1;
        yield this.askReviewers(`secrecy-review-${periodicReviews}`, "secrecy_review_due", "primary", "initial", this.input.settings.secrecyReviewInterval);
        yield this.record({ step: "secrecy order review due", detail: "The order has no end date: reviewers were asked to consider a challenge." });
      }
      secrecy = ((yield this.load()) as LifecycleDemand).secrecy;
    }
    yield this.record({ step: "secrecy order ended" });

    const round = "secrecy-expiry-1";
    const window = this.input.settings.secrecyExpiryDecisionWindow;
    yield this.record({ step: "delayed notice pending", reviewRound: { round, kind: "secrecy_expiry", open: true, decidedBy: [] } });
    yield this.askReviewers(round, "secrecy_expiry", "primary", "initial", window);
    const timer = this.timer(window);
    for (;;) {
      const decisionWait = this.inbox.next(LifecycleEvent.reviewDecision);
      const winner = (yield this.context.df.Task.any([decisionWait, timer])) as Task;
      if (winner === timer) break;
      const decision = this.inbox.take<ReviewDecisionEvent>(LifecycleEvent.reviewDecision);
      if (decision.round !== round || decision.kind !== "secrecy_expiry") continue;
      timer.cancel();
      yield this.record({
        step: `delayed notice decision: ${decision.action}`,
        actor: `reviewer:${decision.reviewer}`,
        detail: decision.comment,
        reviewRound: { round, kind: "secrecy_expiry", open: false, decidedBy: [decision.reviewer] },
      });
      if (decision.action === "withhold") return;
      break;
    }
    yield this.call("sendCustomerNotice", { demandId: this.id, delayed: true, scope, effectKey: this.key("delayed-notice") } satisfies CustomerNoticeInput);
  }

  private *disclose(scope: DisclosureScope): Step<DisclosureResult> {
    yield this.record({ step: "collecting", status: "collecting" });
    let result: DisclosureResult;
    try {
      result = (yield this.call("disclose", { demandId: this.id, scope, effectKey: this.key("disclose") } satisfies DiscloseInput)) as DisclosureResult;
    } catch {
      // All or nothing: a disclosure that failed after its retries (e.g. a customer revoked its key) released nothing.
      yield this.record({ step: "disclosure failed", detail: "Nothing was released: the disclosure failed after its retries (see the audit log for the stable code)." });
      return NOTHING_RELEASED;
    }
    yield this.record({ step: "delivered", status: "delivered", detail: `${result.itemCount} item(s) sealed and released to the requester.` });
    return result;
  }

  private *close(outcome: Outcome, message: RequesterMessage): Step<LifecycleResult> {
    yield this.call("closeDemand", { demandId: this.id, outcome, at: this.now(), effectKey: this.key("close") } satisfies CloseDemandInput);
    yield this.notify(message, `close-${outcome}`, outcome);
    if (!this.context.df.isReplaying) this.context.log(`lifecycle closed: ${outcome}`);
    return { outcome };
  }

  private load(): Task {
    return this.call("loadDemand", { demandId: this.id, at: this.now() } satisfies LoadDemandInput);
  }

  private askReviewers(round: string, kind: RequestReviewInput["kind"], pool: RequestReviewInput["pool"], notice: RequestReviewInput["notice"], deadline: string, tag: string = notice): Task {
    const input: RequestReviewInput = { demandId: this.id, round, kind, pool, notice, deadline: this.after(deadline).toISOString(), effectKey: this.key(`review:${round}:${pool}:${tag}`) };
    return this.call("requestReview", input);
  }

  private notify(message: RequesterMessage, tag: string, outcome?: Outcome): Task {
    return this.call("notifyRequester", { demandId: this.id, message, effectKey: this.key(`requester:${tag}`), outcome } satisfies NotifyRequesterInput);
  }

  private record(entry: Omit<RecordStepInput, "demandId" | "at" | "stepId">): Task {
    return this.call("recordStep", { demandId: this.id, stepId: this.context.df.newGuid(this.id), at: this.now(), ...entry } satisfies RecordStepInput);
  }

  private call(name: keyof LifecycleActivities, input: unknown): Task {
    return this.acts[name](input).withRetry(RETRY);
  }

  private timer(duration: string): TimerTask {
    return this.context.df.createTimer(this.after(duration));
  }

  private after(duration: string): Date {
    return addIsoDuration(this.context.df.currentUtcDateTime, duration);
  }

  private halfway(duration: string): Date {
    return halfwayBetween(this.context.df.currentUtcDateTime, this.after(duration));
  }

  private now(): string {
    return this.context.df.currentUtcDateTime.toISOString();
  }

  private key(tag: string): string {
    return `${this.id}:${tag}`;
  }
}

function closingOutcome(decision: ReviewDecisionEvent): Outcome | null {
  switch (decision.action) {
    case "reject":
      return "rejected";
    case "challenge":
      return "challenged";
    case "refuse_reason":
      return "redirected";
    default:
      return null;
  }
}

function outcomeOf(result: DisclosureResult): Outcome {
  if (result.contentDisclosed) return "disclosed_content";
  if (result.nonContentDisclosed) return "disclosed_non_content";
  return "no_data";
}

function emptyScope(): DisclosureScope {
  return { categories: [], targets: [], dateRange: { from: "", to: "" } };
}
