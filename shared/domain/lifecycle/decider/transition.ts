import type { Outcome } from "../../enums";
import { isoDurationMs } from "../../iso-duration";
import type { DisclosureResult, RequesterMessage } from "../activity-inputs";
import type { ObjectionWindowGate } from "../objection-gate";
import { REDIRECT_DEADLINE_READS_DEMAND, SECRECY_END_READS_DEMAND } from "../lifecycle-settings";
import { isEmptyScope, narrowScope, scopeForReview, type DisclosureScope } from "../scope";
import { secrecyEndsAt } from "../timing";
import { EMERGENCY_UNDECIDED, type Command, type DeciderEvent, type DemandFacts, type LifecycleState, type OpenRound, type RecordedDecision, type RecordStatus, type ReviewerDecision, type SecrecyEntryView, type SplitState } from "./model";
import { afterDue, openRoundTimes, overdueRoundTimes, roundDue } from "./round-schedule";
import { awaitingRuling, secrecyInForce } from "./secrecy-in-force";
import { alertsWhenOverdue, followsOwedNotice, nextWake } from "./wake";

/** The result of one event: the next state and the effects to run, in order. */
export interface Transition {
  state: LifecycleState;
  commands: Command[];
}

/** Decisions a reviewer takes on an approval that count as approving (possibly narrowed or without notice). */
const APPROVING = new Set(["approve", "narrow", "withhold_notice"]);

/** Folds one event into the state and says what must happen (pure; the orchestrator only interprets it). */
export function transition(state: LifecycleState, event: DeciderEvent): Transition {
  const run = new Run(state);
  run.apply(event);
  run.scheduleWake();
  return { state: run.s, commands: run.commands };
}

/** One transition's working copy: a state being evolved and the commands decided so far. */
class Run {
  s: LifecycleState;
  readonly commands: Command[] = [];
  private at = 0;
  private atIso = "";
  private readonly initialWake: number | null;
  /** A resume writes the wake whatever the state held: the parked commands' own wake is stale and is not replayed. */
  private rewriteWake = false;

  constructor(state: LifecycleState) {
    this.s = structuredCloneState(state);
    this.initialWake = state.wakeAt;
  }

  apply(event: DeciderEvent): void {
    this.at = Date.parse(event.at);
    this.atIso = event.at;
    if (this.s.closed) return this.afterClose(event);
    if (this.s.parked !== null && event.type !== "operator_resumed") {
      if (event.type === "tick") return this.tickWhileParked(this.s.parked);
      if (event.type !== "effects_failed") this.s.parked.deferred.push(event);
      return;
    }
    switch (event.type) {
      case "started":
        return this.start(event.demand);
      case "review_decision":
        return this.decision(event.decision);
      case "withdrawn":
        return this.withdrawn();
      case "cannot_redirect":
        return this.cannotRedirect(event.answeredAt);
      case "secrecy_orders_changed":
        return this.secrecyChanged(event.orders);
      case "customer_objection":
        return this.objection(event.index);
      case "tick":
        return this.tick();
      case "redirect_answer_read":
        return this.redirectAnswerRead(event.answeredAt);
      case "secrecy_decisions_read":
        return this.secrecyDecisionsRead(event.decisions);
      case "disclosed":
        return this.disclosed(event.result);
      case "effects_failed":
        return this.park(event.code, event.commands);
      case "operator_resumed":
        return this.resume(event.operator, event.parking);
    }
  }

  /**
   * The stored wake is moved first, before this transition's other effects: the scan raises a Tick on every run while
   * the stored wake is due, so a wake moved only after a slow or failing step (a disclosure, an unreachable mailer, a
   * batch parked with its schedule_wake) would add a Tick, an episode and its history events every minute meanwhile.
   */
  scheduleWake(): void {
    const wake = nextWake(this.s, this.at);
    this.s.wakeAt = wake;
    if (wake !== this.initialWake || this.rewriteWake) this.commands.unshift({ type: "schedule_wake", at: wake === null ? null : new Date(wake).toISOString() });
  }

  // ── start ──────────────────────────────────────────────────────────────────────────────────────────────

  private start(demand: NonNullable<LifecycleState["facts"]>): void {
    if (this.s.phase !== "new") return;
    this.s.facts = demand;
    this.s.scope = demand.scope;
    this.s.secrecyOrders = demand.secrecyOrders;
    if (demand.closed) {
      this.s.phase = "done";
      this.s.closed = true;
      return;
    }
    const plan = demand.plan;
    if (demand.rejected || plan === null) {
      this.conclude("rejected", "rejected");
      return;
    }
    if (plan.notice.kind === "none") this.s.notice.prompt = "nobody";
    // An order filed after intake but before this first read (the requester may file as soon as intake answers) is
    // already on the demand, so its own wake-up finds it known: reviewers are asked here.
    for (const order of awaitingRuling(demand.secrecyOrders)) this.askConfirmation(order);
    if (plan.redirect) {
      const split = splitOf(demand);
      this.s.phase = "redirect";
      this.s.redirectAnswerBy = this.at + isoDurationMs(this.s.settings.redirectDeadline);
      const answerBy = new Date(this.s.redirectAnswerBy).toISOString();
      const detail =
        split === null
          ? "The requester was told to seek the data from the enterprise customer, with the customer's contact for legal requests."
          : "The requester was told to seek the enterprise customers' data from them, with their contacts for legal requests; the consumer identifiers are reviewed at once.";
      this.record("redirected", { status: "awaiting_redirect", detail });
      this.commands.push({ type: "notify_requester", key: this.key("requester:redirect"), message: "redirect", answerBy });
      // R4/R5: the customer hears of the request when the redirect goes out, unless an order forbids it.
      this.promptNotice(demand.scope);
      // A notice held back from intake is followed from intake: an open-ended order's review interval runs from now (R9).
      this.followSecrecy();
      if (split === null) return;
      // R4: consumer accounts are not redirected: they are reviewed now, as a demand narrowed to them.
      this.s.split = split;
      this.s.scope = { ...demand.scope, targets: demand.scope.targets.filter((t) => !split.held.includes(t)) };
      this.openApprovalRound(demand.receivedAt);
      return;
    }
    this.openApprovalRound(demand.receivedAt);
  }

  // ── review rounds ──────────────────────────────────────────────────────────────────────────────────────

  /** Closes the open approval round and opens a new one: what arrived mid-round is evidence earlier approvals did not weigh. */
  private reopenApprovalRound(detail: string): void {
    const r = this.s.round;
    if (r === null) return;
    this.record("review round reopened", { detail, reviewRound: { round: r.name, kind: r.kind, open: false, decidedBy: [...r.decidedBy], pool: r.pool } });
    this.s.round = null;
    this.openApprovalRound();
  }

  /** `receivedAt`: given for the demand's first round only. */
  private openApprovalRound(receivedAt?: string): void {
    const plan = this.plan();
    const emergency = plan.emergency !== null;
    const deadline = emergency ? this.s.settings.emergencyReviewDeadline : this.s.settings.reviewDeadline;
    // R10: an emergency's deadline runs from its receipt: a lifecycle started late (an orchestration backlog, a start the
    // wake scan retried) must not give reviewers a fresh hour. Facts loaded before receipt was kept count from now.
    const since = emergency && receivedAt !== undefined ? Date.parse(receivedAt) : this.at;
    this.openRound("approval", `review-${++this.s.roundSeq}`, plan.reviewersRequired, deadline, since);
  }

  private openRound(kind: OpenRound["kind"], name: string, required: number, deadline: string, since = this.at): void {
    const counted = openRoundTimes(this.at, deadline, since);
    // A deadline that passed before the round could open (an emergency started late) is not given a fresh hour.
    const overdue = counted.deadlineAt <= this.at;
    const times = overdue ? overdueRoundTimes(this.at, deadline) : counted;
    this.s.phase = "review";
    this.s.round = { name, kind, required, approvals: [], decidedBy: [], withheld: null, ...times };
    const deadlineIso = new Date(times.deadlineAt).toISOString();
    // The round is recorded open before any link goes out, so a reviewer who clicks at once finds it.
    this.record(`${kind} review requested`, {
      status: "in_review",
      reviewRound: {
        round: name,
        kind,
        open: true,
        decidedBy: [],
        pool: times.pool,
        deadline: deadlineIso,
        ...(kind === "approval" ? { scope: scopeForReview(this.s.scope, this.targets()) } : {}),
      },
    });
    this.commands.push({ type: "request_review", key: this.key(`review:${name}:primary:initial`), round: name, kind, pool: "primary", notice: "initial", deadline: deadlineIso });
    if (!overdue) return;
    // The primary pool never had its hour, so both pools are asked; a person must act, as when an escalated round passes its deadline.
    this.record("review escalated", { detail: "The emergency's deadline, counted from its receipt, had passed before its review opened; the second reviewer pool was asked at once." });
    this.commands.push({ type: "request_review", key: this.key(`review:${name}:escalation:escalation`), round: name, kind, pool: "escalation", notice: "escalation", deadline: deadlineIso });
    this.record("emergency undecided past its deadline", { detail: "The deadline counted from the demand's receipt passed before its review opened; operators were alerted. Nothing is released without a reviewer." });
    this.commands.push({ type: "alert_operator", key: this.key(`alert:emergency-undecided:${name}`), code: EMERGENCY_UNDECIDED });
  }

  private decision(d: ReviewerDecision): void {
    if ((this.s.decisionsRead ?? []).includes(decisionId(d))) {
      this.record("decision already heard", { detail: `The decision for round ${d.round} reached the lifecycle after the step at the order's end had found it on the demand.` });
      return;
    }
    if (d.kind === "secrecy_confirmation") return this.secrecyRuling(d);
    if (d.kind === "secrecy_expiry") return this.expiryDecision(d);
    const round = this.s.round;
    if (round === null || d.round !== round.name || d.kind !== round.kind || round.decidedBy.includes(d.reviewer)) {
      this.record("decision ignored", { detail: `A decision for round ${d.round} did not apply to an open round, or its reviewer had already decided.` });
      return;
    }
    const plan = this.plan();
    if (round.kind === "approval" && plan.emergency !== null && APPROVING.has(d.action) && (d.verification ?? "").trim() === "") {
      this.record("decision ignored", { detail: "An emergency request is approved only with a record of how it was verified out of band." });
      return;
    }
    round.decidedBy.push(d.reviewer);
    const closing = closingOutcome(d.action);
    const approving = round.kind === "approval" ? APPROVING.has(d.action) : d.action === "accept_reason";
    if (closing === null && !approving) {
      round.decidedBy.pop();
      this.record("decision ignored", { detail: `The action ${d.action} does not apply to a ${round.kind} round.` });
      return;
    }
    if (approving) round.approvals.push(d.reviewer);
    const done = closing !== null || round.approvals.length >= round.required;
    // A narrowing applies at once: a round still open shows the next reviewer the narrowed scope, the one the release uses.
    if (closing === null && d.narrowing !== undefined) this.s.scope = narrowScope(this.s.scope, d.narrowing, this.targets());
    round.decisions = [...(round.decisions ?? []), { reviewer: d.reviewer, action: d.action, at: this.atIso, ...(d.comment === undefined ? {} : { comment: d.comment }) }];
    this.record(`review decision: ${d.action}`, {
      actor: `reviewer:${d.reviewer}`,
      detail: [d.reason === undefined ? undefined : `Reason: ${d.reason}.`, d.verification === undefined ? undefined : `Verified out of band: ${d.verification}`, d.comment]
        .filter((x) => x !== undefined)
        .join(" "),
      reviewRound: {
        round: round.name,
        kind: round.kind,
        open: !done,
        decidedBy: [...round.decidedBy],
        pool: round.pool,
        decisions: [...round.decisions],
        ...(round.kind === "approval" && closing === null ? { scope: scopeForReview(this.s.scope, this.targets()) } : {}),
      },
    });
    if (closing !== null) {
      this.s.round = null;
      if (closing === "redirected" && this.s.split !== undefined) return this.reasonRefused(this.s.split, d);
      if (closing === "redirected") return this.conclude("redirected", "redirect_reason_refused", d);
      return this.conclude(closing, "rejected", d);
    }
    if (d.withholdReason !== undefined && d.action === "withhold_notice") round.withheld = d.withholdReason;
    if (!done) return;
    this.s.round = null;
    if (round.kind === "redirect") {
      this.s.redirectAnswerBy = null;
      // R4: the reason accepted, the enterprise identifiers held by the redirect join the review (as narrowed so far).
      if (this.s.split !== undefined) {
        this.s.split.part = "rejoined";
        this.s.scope = { ...this.s.scope, targets: [...this.s.scope.targets, ...this.s.split.held] };
      }
      return this.openApprovalRound();
    }
    this.approved(round);
  }

  private approved(round: OpenRound): void {
    const plan = this.plan();
    this.record("approved", { detail: "The approved scope was recorded; the requester is told this scope.", approvedScope: this.s.scope });
    if (isEmptyScope(this.s.scope)) return this.s.split?.part === "awaiting" ? this.awaitRedirectAnswer() : this.conclude("rejected", "rejected");
    if (plan.preserveOnly) {
      this.record("preserved", { detail: "Preservation only: the data is held and nothing is disclosed." });
      return this.conclude("no_data", "closed");
    }
    if (plan.targetsFound === 0) {
      this.record("no data", { detail: "No identifier of the order matches an account." });
      return this.conclude("no_data", "closed");
    }
    if (round.withheld !== null && this.s.notice.prompt === "not_sent") {
      this.s.notice.prompt = "withheld";
      this.record("notice withheld", { detail: `No customer notice: withheld by a reviewer (${round.withheld}).` });
      // The redirect's notice an order held back is that same notice: the reviewers' reason outlasts the order (R5 b).
      if (this.s.notice.delayed === "owed") {
        this.closeExpiryRound("The approving reviewers withheld the customer's notice.");
        this.s.notice.delayed = "not_owed";
      }
    }
    if (this.s.notice.prompt === "nobody") this.record("notice not given", { detail: "No customer notice: the data is de-linked from any customer." });
    // R5: a notice held back at the redirect by an order that has ended since is no longer forbidden: it is the prompt
    // notice again, and precedes the disclosure (unless the approving reviewers withheld it), the objection window after.
    if (this.s.notice.delayed === "owed" && secrecyInForce(this.s.secrecyOrders, this.at).kind === "none") {
      this.closeExpiryRound("The demand was approved after the order ended: the notice precedes the disclosure.");
      this.s.notice.delayed = "not_owed";
    }
    // R10: an approved emergency is released at once; its notice follows the disclosure.
    if (plan.emergency !== null) return this.disclose();
    const toldAtRedirect = this.s.notice.prompt === "sent";
    this.promptNotice(this.noticeScope());
    if (this.s.notice.prompt === "sent") {
      // R5: a customer told at the redirect, before anything was approved, is told of the approval and its window's end.
      if (toldAtRedirect && round.withheld === null && secrecyInForce(this.s.secrecyOrders, this.at).kind === "none") {
        this.commands.push({ type: "send_customer_notice", key: this.key("notice-approved"), delayed: false, scope: this.s.scope, followsRedirect: true });
      }
      this.s.phase = "objection";
      this.s.objectionEndsAt = this.at + isoDurationMs(this.s.settings.objectionWindow);
      this.stateObjectionEnd();
      this.record("objection window opened", { status: "awaiting_notice_window" });
      return;
    }
    this.disclose();
  }

  // ── requester and customer actions ────────────────────────────────────────────────────────────────────

  private withdrawn(): void {
    const phase = this.s.phase;
    if (phase === "new" || phase === "disclosing" || phase === "concluded" || phase === "done" || this.s.outcome !== null) {
      this.record("withdrawal not applied", { actor: "requester", detail: "The demand could no longer be withdrawn: collection had begun or its outcome was final." });
      return;
    }
    // R4: a split demand's consumer identifiers were not redirected: its withdrawal counts as one, unless none was left.
    const redirected = phase === "redirect" || (this.s.split === undefined && this.s.round?.kind === "redirect");
    if (this.s.round !== null) {
      const r = this.s.round;
      this.record("withdrawn", { actor: "requester", reviewRound: { round: r.name, kind: r.kind, open: false, decidedBy: [...r.decidedBy], pool: r.pool } });
      this.s.round = null;
    } else {
      this.record(redirected ? "withdrawn after redirect" : "withdrawn", { actor: "requester" });
    }
    this.conclude(redirected ? "redirected" : "withdrawn", "closed");
  }

  private cannotRedirect(answeredAt: string | undefined): void {
    if (this.s.redirectAnswerRead === true) {
      this.record("cannot-redirect answer already heard", { actor: "requester", detail: "It reached the lifecycle after the redirect deadline's step had found it on the demand and put it to a reviewer." });
      return;
    }
    // R4: an answer is judged by the deadline when the API accepted it (never later than it arrives here), whether or
    // not the scan has woken the demand for it yet.
    const answered = answeredAt === undefined ? this.at : Math.min(this.at, Date.parse(answeredAt));
    if (this.awaitsRedirectAnswer() && this.s.redirectAnswerBy !== null && answered >= this.s.redirectAnswerBy) this.handleDue();
    // Applied while the deadline's read of the demand is pending (deferred while parked): judged by that deadline.
    const closing = this.s.redirectClosing ?? null;
    if (closing !== null && answered >= closing) {
      this.record("cannot-redirect answer ignored", { actor: "requester", detail: "The answer was accepted after the redirect deadline." });
      return;
    }
    if (!this.awaitsRedirectAnswer()) {
      this.record("cannot-redirect answer ignored", { actor: "requester", detail: "The demand was not waiting for a redirect answer." });
      return;
    }
    this.record("cannot redirect", { actor: "requester", detail: "The requester gave a legal reason why the customer cannot be approached." });
    this.s.redirectAnswerBy = null;
    this.s.redirectClosing = null;
    if (this.s.split !== undefined) this.pauseConsumerPart(this.s.split);
    this.openRound("redirect", `redirect-${++this.s.roundSeq}`, 1, this.s.settings.reviewDeadline);
  }

  /** R4: whether the requester may still answer the redirect; a split demand's, until its consumer part is being released. */
  private awaitsRedirectAnswer(): boolean {
    const { split, phase, round } = this.s;
    if (split === undefined) return phase === "redirect" && round === null;
    return split.part === "awaiting" && (phase === "objection" || (phase === "review" && round?.kind === "approval") || (phase === "redirect" && round === null));
  }

  /**
   * R4: the reason is reviewed at once; the consumer part's round (or its objection window) gives way, and its review
   * starts again after the reason is decided, since the scope it weighs may grow (R8).
   */
  private pauseConsumerPart(split: SplitState): void {
    split.part = "answered";
    const r = this.s.round;
    if (r !== null) this.record("review round closed", { detail: "The requester's reason for the enterprise identifiers is reviewed first; this review starts again after it.", reviewRound: { round: r.name, kind: r.kind, open: false, decidedBy: [...r.decidedBy], pool: r.pool } });
    if (this.s.phase === "objection") this.record("objection window closed", { detail: "The requester's reason for the enterprise identifiers is reviewed first; the approval is given again after it." });
    this.s.round = null;
    this.s.objectionEndsAt = null;
  }

  /** R4: the reason refused, the enterprise identifiers stay redirected; the consumer identifiers are reviewed again. */
  private reasonRefused(split: SplitState, d: ReviewerDecision): void {
    split.part = "redirected";
    if (isEmptyScope(this.s.scope)) return this.conclude("redirected", "redirect_reason_refused", d);
    // Without an outcome: the requester is told the enterprise identifiers stay redirected while the rest goes on.
    this.commands.push({ type: "notify_requester", key: this.key("requester:reason-refused"), message: "redirect_reason_refused" });
    this.openApprovalRound();
  }

  /** R4: the consumer part was narrowed to nothing: the demand waits for the redirect answer, as one redirected whole. */
  private awaitRedirectAnswer(): void {
    this.s.phase = "redirect";
    this.record("awaiting the redirect answer", { status: "awaiting_redirect", detail: "No consumer identifier is left to release; the enterprise identifiers await the requester's answer to the redirect." });
  }

  /** The scope a customer notice names: in a split demand (R4) the enterprise customers held by the redirect are told too. */
  private noticeScope(): DisclosureScope {
    const split = this.s.split;
    if (split === undefined || split.part === "rejoined") return this.s.scope;
    return { ...this.s.scope, targets: [...this.s.scope.targets, ...split.held] };
  }

  /**
   * R4: the demand as read once the redirect deadline's status write closed the answer API. An answer the API recorded
   * before the deadline that has not reached the lifecycle (Azure delivers it after the deadline's Tick) goes to a
   * reviewer, as if it had arrived in time; otherwise the demand closes as redirected.
   */
  private redirectAnswerRead(answeredAt: string | undefined): void {
    const closing = this.s.redirectClosing ?? null;
    if (closing === null || this.s.phase !== "redirect" || this.s.round !== null) return;
    this.s.redirectClosing = null;
    if (answeredAt !== undefined && Date.parse(answeredAt) < closing) {
      this.s.redirectAnswerRead = true;
      this.record("cannot redirect", { actor: "requester", detail: "The requester gave a legal reason why the customer cannot be approached; accepted before the deadline, it reached the lifecycle after it." });
      this.openRound("redirect", `redirect-${++this.s.roundSeq}`, 1, this.s.settings.reviewDeadline);
      return;
    }
    this.record("redirect deadline passed", { detail: "No answer from the requester: closed as redirected." });
    this.conclude("redirected", "closed");
  }

  private objection(index: number | undefined): void {
    const heard = this.s.objectionsHeard ?? [];
    if (index !== undefined && heard.includes(index)) {
      this.record("customer objection already heard", { actor: "customer", detail: "It reached the lifecycle after the disclosure step had found it on the demand and put the demand back to reviewers." });
      return;
    }
    if (index !== undefined) this.s.objectionsHeard = [...heard, index];
    if (this.s.phase === "redirect" || this.s.phase === "review") {
      // An approval already given was given without it in view (R8: each approval weighs the evidence).
      const midRound = this.s.round?.kind === "approval" && this.s.round.decidedBy.length > 0;
      this.record("customer objection recorded", { actor: "customer", detail: midRound ? "Recorded while approvals were being given: the round starts again with it in view." : "Recorded before any approval: the reviewers weigh it when they decide." });
      if (midRound) this.reopenApprovalRound("A customer objected while approvals were being given; reviewers decide again with the objection in view.");
      return;
    }
    if (this.s.phase !== "objection") {
      this.record("customer objection recorded", { actor: "customer", detail: "Recorded; it came when reviewers could no longer act on it before release, or before notice." });
      return;
    }
    this.record("customer objected", { actor: "customer" });
    this.s.objectionEndsAt = null;
    this.openApprovalRound();
  }

  // ── secrecy orders (R5, R9) ────────────────────────────────────────────────────────────────────────────

  private secrecyChanged(orders: SecrecyEntryView[]): void {
    const known = new Map(this.s.secrecyOrders.map((o) => [o.index, o]));
    const merged = orders.map((o) => ({ ...o, ruling: known.get(o.index)?.ruling ?? o.ruling }));
    const fresh = awaitingRuling(merged).filter((o) => !known.has(o.index) && !this.s.confirmations.includes(o.index));
    const lifted = merged.some((o) => o.lifted && !known.has(o.index));
    this.s.secrecyOrders = merged;
    if (lifted) this.record("secrecy order lifted", { detail: "A lifting takes effect at once: it only brings the customer's notice sooner." });
    // The lifted order ends now, not on its old last day (R9): reviewers asked ahead of that day decide within the window from now.
    const expiry = this.s.expiry;
    const windowEnd = this.at + isoDurationMs(this.s.settings.secrecyExpiryDecisionWindow);
    if (lifted && expiry !== null && windowEnd < expiry.endsAt && secrecyInForce(merged, this.at).kind === "none") {
      expiry.endsAt = windowEnd;
      const deadline = new Date(windowEnd).toISOString();
      if (expiry.decision === null) {
        this.record("delayed notice brought forward", { detail: "The order was lifted: the delayed notice goes out when the decision window ends.", reviewRound: { round: expiry.round, kind: "secrecy_expiry", open: true, decidedBy: [], pool: "primary", deadline } });
        // The reviewers' mail named the old end: they are told the new deadline, or they may decide too late.
        this.commands.push({ type: "request_review", key: this.key(`review:${expiry.round}:primary:lifted`), round: expiry.round, kind: "secrecy_expiry", pool: "primary", notice: "reminder", deadline });
      }
    }
    for (const order of fresh) this.askConfirmation(order);
    // An order filed while approvals are being given re-opens the round: every approval is given with it in view.
    if (fresh.length > 0 && this.s.round?.kind === "approval") this.reopenApprovalRound("A secrecy order was filed while the round was open; reviewers decide again with it in view.");
    this.followSecrecy();
  }

  /** Asks reviewers to confirm an order filed after intake: until one does, it holds nothing back (R5). */
  private askConfirmation(order: SecrecyEntryView): void {
    const round = `secrecy-confirm-${order.index + 1}`;
    this.s.confirmations.push(order.index);
    // R5/R8: until a reviewer rules, a court's order holds nothing back: reminded and escalated as a review round is.
    const times = openRoundTimes(this.at, this.s.settings.reviewDeadline);
    this.s.confirmationTimes = { ...this.s.confirmationTimes, [order.index]: times };
    const deadline = new Date(times.deadlineAt).toISOString();
    this.record("secrecy order awaiting confirmation", {
      detail: `Order ${order.reference} binds only once a reviewer has seen and confirmed it.`,
      reviewRound: { round, kind: "secrecy_confirmation", open: true, decidedBy: [], pool: "primary", deadline },
    });
    this.commands.push({ type: "request_review", key: this.key(`review:${round}:primary:initial`), round, kind: "secrecy_confirmation", pool: "primary", notice: "initial", deadline });
  }

  private secrecyRuling(d: ReviewerDecision): void {
    const index = Number(/^secrecy-confirm-(\d+)$/.exec(d.round)?.[1] ?? NaN) - 1;
    if (!this.s.confirmations.includes(index) || (d.action !== "confirm_order" && d.action !== "refuse_order")) {
      this.record("decision ignored", { detail: `A decision for round ${d.round} did not apply to an open round.` });
      return;
    }
    const ruling = d.action === "confirm_order" ? "confirmed" : "refused";
    const pool = this.s.confirmationTimes[index]?.pool ?? "primary";
    this.s.confirmations = this.s.confirmations.filter((i) => i !== index);
    this.s.confirmationTimes = withoutKey(this.s.confirmationTimes, index);
    this.s.secrecyOrders = this.s.secrecyOrders.map((o) => (o.index === index ? { ...o, ruling } : o));
    this.record(`secrecy order ${ruling}`, {
      actor: `reviewer:${d.reviewer}`,
      detail: d.comment,
      reviewRound: { round: d.round, kind: "secrecy_confirmation", open: false, decidedBy: [d.reviewer], pool },
      secrecyRuling: { index, ruling, by: d.reviewer },
    });
    this.followSecrecy();
  }

  private expiryDecision(d: ReviewerDecision): void {
    const expiry = this.s.expiry;
    if (expiry === null || d.round !== expiry.round || expiry.decision !== null || (d.action !== "notify" && d.action !== "withhold")) {
      this.record("decision ignored", { detail: `A decision for round ${d.round} did not apply to an open round.` });
      return;
    }
    expiry.decision = d.action;
    this.record(`delayed notice decision: ${d.action}`, {
      actor: `reviewer:${d.reviewer}`,
      detail: d.comment,
      reviewRound: { round: expiry.round, kind: "secrecy_expiry", open: false, decidedBy: [d.reviewer], pool: "primary" },
    });
    this.followSecrecy();
  }

  /** Where a delayed notice is owed: asks reviewers ahead of the order's end, and gives the notice on the day it ends. */
  private followSecrecy(): void {
    if (!followsOwedNotice(this.s)) return;
    const secrecy = secrecyInForce(this.s.secrecyOrders, this.at);
    const settings = this.s.settings;
    if (secrecy.kind === "indefinite") {
      this.closeExpiryRound("The order in force has no end date.");
      if (this.s.nextSecrecyReviewAt === null) this.s.nextSecrecyReviewAt = this.at + isoDurationMs(settings.secrecyReviewInterval);
      if (this.at >= this.s.nextSecrecyReviewAt) {
        const round = `secrecy-review-${++this.s.secrecyReviews}`;
        this.s.nextSecrecyReviewAt = this.at + isoDurationMs(settings.secrecyReviewInterval);
        this.commands.push({ type: "request_review", key: this.key(`review:${round}:primary:initial`), round, kind: "secrecy_review_due", pool: "primary", notice: "initial", deadline: new Date(this.s.nextSecrecyReviewAt).toISOString() });
        this.record("secrecy order review due", { detail: "The order has no end date: reviewers were asked to consider a challenge." });
      }
      return;
    }
    this.s.nextSecrecyReviewAt = null;
    // An order that ended without reviewers having been asked ahead (a lifting): they get the decision window now.
    const endsAt = secrecy.kind === "until" ? secrecyEndsAt(secrecy.date).getTime() : (this.s.expiry?.endsAt ?? this.at + isoDurationMs(settings.secrecyExpiryDecisionWindow));
    if (this.s.expiry !== null && this.s.expiry.endsAt !== endsAt && secrecy.kind === "until") this.closeExpiryRound("The order was extended by a new order.");
    if (this.s.expiry === null && this.at >= endsAt - isoDurationMs(settings.secrecyExpiryLead)) {
      const round = `secrecy-expiry-${++this.s.roundSeq}`;
      this.s.expiry = { round, endsAt, decision: null };
      const deadline = new Date(endsAt).toISOString();
      this.record("delayed notice pending", {
        detail: "Reviewers were asked whether notice at the order's end would endanger someone.",
        reviewRound: { round, kind: "secrecy_expiry", open: true, decidedBy: [], pool: "primary", deadline },
      });
      this.commands.push({ type: "request_review", key: this.key(`review:${round}:primary:initial`), round, kind: "secrecy_expiry", pool: "primary", notice: "initial", deadline });
    }
    const expiry = this.s.expiry;
    if (expiry === null) return;
    if (expiry.decision === "withhold") {
      this.s.notice.delayed = "withheld";
      this.record("delayed notice withheld", { detail: "A reviewer decided, with reasons, that notice would endanger someone." });
      return this.closeIfDone();
    }
    if (secrecy.kind !== "none" || this.at < expiry.endsAt) return;
    if (this.s.version >= SECRECY_END_READS_DEMAND && expiry.read !== true) return this.readSecrecyDecisions(expiry);
    if (this.s.outcome === null) {
      // Still before the outcome (a redirect's notice held back at intake): the held-back prompt notice goes out now.
      this.s.notice.delayed = "not_owed";
      this.closeExpiryRound("The order ended before the demand's outcome: the notice held back goes out now.");
      this.record("secrecy order ended", { detail: "The notice held back by the order went out." });
      this.promptNotice(this.noticeScope());
      return;
    }
    this.commands.push({ type: "send_customer_notice", key: this.key("delayed-notice"), delayed: true, scope: this.noticeScope() });
    this.s.notice.delayed = "sent";
    this.record("secrecy order ended", { detail: "The delayed notice went out." });
    this.closeExpiryRound("The order ended and the delayed notice went out.");
    this.closeIfDone();
  }

  /**
   * R9: a withholding or an extension's confirmation decided before the order's end may reach the lifecycle after the
   * Tick at the end (Azure). The rounds are closed to decisions on the record first (the review page's write requires
   * them open), then the demand is read; no notice goes out until its decisions are applied.
   */
  private readSecrecyDecisions(expiry: NonNullable<LifecycleState["expiry"]>): void {
    if (expiry.reading === true) return;
    expiry.reading = true;
    // A round already decided is closed on the record with its reviewer; an undecided one is closed here.
    const undecided = expiry.decision === null ? { reviewRound: { round: expiry.round, kind: "secrecy_expiry" as const, open: false, decidedBy: [], pool: "primary" as const } } : {};
    this.record("secrecy order end reached", { detail: "Decisions reviewers made before the order's end are looked for on the demand before any notice goes out.", ...undecided });
    for (const index of this.s.confirmations) this.recordConfirmationRound(index, false);
    this.commands.push({ type: "read_secrecy_decisions", round: expiry.round });
  }

  /** R9: applies the decisions recorded before the order's end as if they had arrived in time, then follows the orders. */
  private secrecyDecisionsRead(decisions: RecordedDecision[]): void {
    const expiry = this.s.expiry;
    if (expiry === null || expiry.reading !== true) return;
    expiry.reading = false;
    expiry.read = true;
    const inTime = decisions.filter((d) => Date.parse(d.decidedAt) < expiry.endsAt);
    const confirmations = [...this.s.confirmations];
    // Rulings first: an extension confirmed in time binds, and the notice waits for it (R9: an extension needs a new order).
    for (const d of inTime.filter((d) => d.kind === "secrecy_confirmation" && this.s.confirmations.includes(confirmationIndex(d.round)))) this.decidedInTime(d);
    const withholding = inTime.find((d) => d.kind === "secrecy_expiry" && d.round === this.s.expiry?.round && this.s.expiry.decision === null);
    if (withholding !== undefined) this.decidedInTime(withholding);
    this.followSecrecy();
    // Rounds the read closed to decisions are open again while the demand still waits for their ruling.
    if (!this.s.closed) for (const index of this.s.confirmations.filter((i) => confirmations.includes(i))) this.recordConfirmationRound(index, true);
  }

  private decidedInTime(d: RecordedDecision): void {
    this.decision(withoutTime(d));
    this.s.decisionsRead = [...(this.s.decisionsRead ?? []), decisionId(d)];
  }

  private recordConfirmationRound(index: number, open: boolean): void {
    const round = `secrecy-confirm-${index + 1}`;
    const pool = this.s.confirmationTimes[index]?.pool ?? "primary";
    this.record(open ? "secrecy order confirmation reopened" : "secrecy order confirmation held", { reviewRound: { round, kind: "secrecy_confirmation", open, decidedBy: [], pool } });
  }

  private closeExpiryRound(why: string): void {
    const expiry = this.s.expiry;
    if (expiry === null) return;
    if (expiry.decision === null) this.record("delayed notice round closed", { detail: why, reviewRound: { round: expiry.round, kind: "secrecy_expiry", open: false, decidedBy: [], pool: "primary" } });
    this.s.expiry = null;
  }

  /** R5: the prompt notice going out in this transition names the instant its objection window ends. */
  private stateObjectionEnd(): void {
    if (this.s.objectionEndsAt === null) return;
    const objectionEndsAt = new Date(this.s.objectionEndsAt).toISOString();
    this.commands.forEach((c, i) => {
      if (c.type === "send_customer_notice" && !c.delayed) this.commands[i] = { ...c, objectionEndsAt };
    });
  }

  /** R5: the prompt notice, once: sent now unless an order binds (then it is owed as a delayed notice). */
  private promptNotice(scope: DisclosureScope): void {
    if (this.s.notice.prompt !== "not_sent" || this.s.notice.delayed !== "not_owed") return;
    if (secrecyInForce(this.s.secrecyOrders, this.at).kind !== "none") {
      this.s.notice.delayed = "owed";
      this.record("notice delayed", { detail: "A secrecy order is in force: the customer is told when it ends." });
      return;
    }
    this.s.notice.prompt = "sent";
    this.commands.push({ type: "send_customer_notice", key: this.key("notice"), delayed: false, scope });
  }

  // ── time ───────────────────────────────────────────────────────────────────────────────────────────────

  private tick(): void {
    // A clock that jumped past several deadlines handles each in turn.
    for (let guard = 0; guard < 16; guard++) {
      if (!this.handleDue()) break;
    }
    this.followSecrecy();
  }

  private handleDue(): boolean {
    const s = this.s;
    if (s.split?.part === "awaiting" && s.redirectAnswerBy !== null && this.at >= s.redirectAnswerBy) {
      s.redirectAnswerBy = null;
      s.split.part = "redirected";
      this.record("redirect deadline passed", { detail: "No answer from the requester: the enterprise identifiers stay redirected." });
      if (s.phase === "redirect") this.conclude("redirected", "closed");
      return true;
    }
    if (s.phase === "redirect" && s.round === null && s.redirectAnswerBy !== null && this.at >= s.redirectAnswerBy) {
      if (s.version >= REDIRECT_DEADLINE_READS_DEMAND) {
        // R4: an answer the API accepted before the deadline may reach the lifecycle after this Tick. The status write
        // closes the API to answers (its conditional write requires awaiting_redirect), then the demand is read.
        s.redirectClosing = s.redirectAnswerBy;
        s.redirectAnswerBy = null;
        this.record("redirect deadline reached", { status: "in_review", detail: "The redirect deadline passed; an answer recorded before it is looked for on the demand." });
        this.commands.push({ type: "read_redirect_answer" });
        return true;
      }
      s.redirectAnswerBy = null;
      this.record("redirect deadline passed", { detail: "No answer from the requester: closed as redirected." });
      this.conclude("redirected", "closed");
      return true;
    }
    if (this.confirmationDue()) return true;
    if (s.round !== null) {
      const due = roundDue(s.round, this.at, s.settings.maxReminders, alertsWhenOverdue(s));
      if (due === null) return false;
      const r = s.round;
      if (due.kind === "alert_overdue") {
        // R10: an emergency cannot wait for more reminders; a person must act, and only a reviewer may decide it.
        Object.assign(r, afterDue(r, due, this.at, s.settings.emergencyReviewDeadline));
        this.record("emergency undecided past its deadline", { detail: "The escalated review deadline passed without a decision; operators were alerted. Nothing is released without a reviewer." });
        this.commands.push({ type: "alert_operator", key: this.key(`alert:emergency-undecided:${r.name}`), code: EMERGENCY_UNDECIDED });
        return true;
      }
      const deadline = r.kind === "approval" && this.plan().emergency !== null ? s.settings.emergencyReviewDeadline : s.settings.reviewDeadline;
      Object.assign(r, afterDue(r, due, this.at, deadline));
      const deadlineIso = new Date(r.deadlineAt).toISOString();
      const tag = due.kind === "remind" ? "reminder" : due.kind === "escalate" ? "escalation" : `escalated-reminder-${r.reminders}`;
      const notice = due.kind === "escalate" ? "escalation" : "reminder";
      this.commands.push({ type: "request_review", key: this.key(`review:${r.name}:${r.pool}:${tag}`), round: r.name, kind: r.kind, pool: r.pool, notice, deadline: deadlineIso });
      if (due.kind === "escalate") {
        this.record("review escalated", { detail: "The deadline passed; the second reviewer pool was asked.", reviewRound: { round: r.name, kind: r.kind, open: true, decidedBy: [...r.decidedBy], pool: "escalation", deadline: deadlineIso } });
      }
      return true;
    }
    if (s.phase === "objection" && s.objectionEndsAt !== null && this.at >= s.objectionEndsAt) {
      // R5: an objection the API accepted before this end may reach the lifecycle after this Tick (Azure delivers events
      // late and out of order): the disclosure step first checks the demand for one not heard yet.
      const objectionWindow = { endsAt: new Date(s.objectionEndsAt).toISOString(), heard: [...(s.objectionsHeard ?? [])] };
      s.objectionEndsAt = null;
      this.record("objection window closed");
      this.disclose(objectionWindow);
      return true;
    }
    return false;
  }

  /** Reminds or escalates the first confirmation round that is due (R5/R8, the review rounds' schedule); false when none is. */
  private confirmationDue(): boolean {
    const s = this.s;
    for (const [key, times] of Object.entries(s.confirmationTimes)) {
      const due = roundDue(times, this.at, s.settings.maxReminders);
      if (due === null) continue;
      const next = afterDue(times, due, this.at, s.settings.reviewDeadline);
      s.confirmationTimes = { ...s.confirmationTimes, [key]: next };
      const round = `secrecy-confirm-${Number(key) + 1}`;
      const deadline = new Date(next.deadlineAt).toISOString();
      const tag = due.kind === "remind" ? "reminder" : due.kind === "escalate" ? "escalation" : `escalated-reminder-${next.reminders}`;
      const notice = due.kind === "escalate" ? "escalation" : "reminder";
      this.commands.push({ type: "request_review", key: this.key(`review:${round}:${next.pool}:${tag}`), round, kind: "secrecy_confirmation", pool: next.pool, notice, deadline });
      if (due.kind === "escalate") {
        this.record("review escalated", { detail: "No reviewer ruled on the secrecy order by the deadline; the second reviewer pool was asked.", reviewRound: { round, kind: "secrecy_confirmation", open: true, decidedBy: [], pool: "escalation", deadline } });
      }
      return true;
    }
    return false;
  }

  // ── disclosure and outcome ─────────────────────────────────────────────────────────────────────────────

  private disclose(objectionWindow?: ObjectionWindowGate): void {
    this.s.phase = "disclosing";
    this.record("collecting", { status: "collecting" });
    this.commands.push({ type: "disclose", key: this.key("disclose"), scope: this.s.scope, ...(objectionWindow === undefined ? {} : { objectionWindow }) });
  }

  private disclosed(result: DisclosureResult): void {
    if (this.s.phase !== "disclosing") return;
    if (result.withdrawalPending === true) {
      // R1: judged by when the API accepted it, the withdrawal came before collection; its event, arriving later, finds the demand closed.
      this.s.phase = "objection";
      return this.withdrawn();
    }
    const pending = result.objectionsPending ?? [];
    if (pending.length > 0) {
      // R5: judged by when the API accepted it, the objection came within the window: reviewers decide again, as when it
      // arrives in time; its event, arriving later, is not heard twice.
      this.s.objectionsHeard = [...(this.s.objectionsHeard ?? []), ...pending];
      this.record("customer objected", { actor: "customer", detail: "The customer's objection, accepted before the objection window closed, reached the lifecycle after it: nothing was collected." });
      return this.openApprovalRound();
    }
    this.s.disclosure = result;
    this.s.released = result.itemCount > 0;
    this.s.phase = "concluded";
    this.record("delivered", { status: "delivered", detail: `${result.itemCount} item(s) sealed and released to the requester.` });
    const outcome: Outcome = result.contentDisclosed ? "disclosed_content" : result.nonContentDisclosed ? "disclosed_non_content" : "no_data";
    // R10: after an emergency disclosure the customer is told, unless withheld or an order binds.
    if (this.plan().emergency !== null) this.promptNotice(this.s.scope);
    // A disclosure under a secrecy order is concluded (and counted) now, not when the order ends (R11).
    this.conclude(outcome, "closed");
  }

  /** The outcome is final: counted once (R11), the requester told; the lifecycle closes unless a delayed notice is still owed. */
  private conclude(outcome: Outcome, message: RequesterMessage, decision?: ReviewerDecision): void {
    if (this.s.outcome !== null) return;
    outcome = countedOutcome(outcome, this.s.split);
    this.s.outcome = outcome;
    this.s.round = null;
    this.s.objectionEndsAt = null;
    this.s.redirectAnswerBy = null;
    if (this.s.redirectClosing !== undefined) this.s.redirectClosing = null;
    this.s.phase = "concluded";
    this.commands.push({ type: "conclude", key: this.key("outcome"), outcome });
    this.commands.push({
      type: "notify_requester",
      key: this.key(`requester:close-${outcome}`),
      message,
      outcome,
      ...(decision?.reason === undefined ? {} : { reason: decision.reason }),
      ...(decision?.comment === undefined ? {} : { note: decision.comment }),
    });
    if (this.s.notice.delayed === "owed") {
      this.record("awaiting secrecy order expiry", { status: "awaiting_secrecy_expiry" });
      this.followSecrecy();
      return;
    }
    this.closeIfDone();
  }

  private closeIfDone(): void {
    if (this.s.closed || this.s.outcome === null || this.s.notice.delayed === "owed") return;
    this.s.closed = true;
    this.s.phase = "done";
    this.closeExpiryRound("The demand closed.");
    // The review pages offer every round the record shows open: one nobody will act on any more is closed there too.
    for (const index of this.s.confirmations) {
      const reviewRound = { round: `secrecy-confirm-${index + 1}`, kind: "secrecy_confirmation" as const, open: false, decidedBy: [], pool: "primary" as const };
      this.record("secrecy order confirmation closed", { detail: "The demand closed before a reviewer ruled on the order.", reviewRound });
    }
    this.s.confirmations = [];
    this.s.confirmationTimes = {};
    this.commands.push({ type: "close", key: this.key("close"), outcome: this.s.outcome });
  }

  // ── failures (R12 hardening: nothing silently stuck) ───────────────────────────────────────────────────

  private park(code: string, commands: Command[]): void {
    this.s.parked = { code, commands, deferred: [], since: this.at };
    this.s.parked.stepId = this.record("needs operator", { status: "needs_operator", detail: `A step kept failing (${code}); an operator must resume the demand.` });
    this.commands.push({ type: "alert_operator", key: this.key(`alert:${this.s.stepSeq}`), code });
  }

  /**
   * A Tick while parked means the stored wake is still due: the schedule_wake that cleared it was parked or failed with
   * the step. It is cleared again, once per parking. A Tick is not deferred: the resume's own Tick, last, handles what
   * is due then (one replayed first at the resume's time would close an objection window before a timely objection
   * queued after it).
   */
  private tickWhileParked(parked: NonNullable<LifecycleState["parked"]>): void {
    if (parked.wakeCleared === true) return;
    parked.wakeCleared = true;
    this.commands.push({ type: "schedule_wake", at: null });
  }

  /**
   * A closed lifecycle does nothing more, except run its closing batch: that batch (the delayed notice, the outcome and
   * the requester's letter, the close) failing after its retries parks the demand like any other step, and the resume
   * runs it again. Nothing else applies any more, so nothing is deferred.
   */
  private afterClose(event: DeciderEvent): void {
    const parked = this.s.parked;
    if (parked === null) return event.type === "effects_failed" ? this.park(event.code, event.commands) : undefined;
    if (event.type === "tick") return this.tickWhileParked(parked);
    if (event.type === "operator_resumed") return this.resume(event.operator, event.parking);
  }

  private resume(operator: string, parking: string | undefined): void {
    const parked = this.s.parked;
    if (parked === null) return;
    // A resume names the parking it is for: a second one for the same parking (a double click, a raise delivered twice)
    // must not take the parking its first one's failed retry made. Ignored without a record: a batch failing while
    // parked would fail the instance.
    if (parking !== undefined && parked.stepId !== undefined && parking !== parked.stepId) return;
    this.s.parked = null;
    // A closed demand's status is left to the replayed close.
    this.record("resumed", { actor: `operator:${operator}`, status: this.s.closed ? undefined : statusOf(this.s) });
    this.rewriteWake = true;
    const resumedAt = this.atIso;
    // R4: the API refuses a requester's answer to a parked demand, so the time parked does not count against its deadline.
    if ((this.s.phase === "redirect" || this.s.split?.part === "awaiting") && this.s.redirectAnswerBy !== null && parked.since !== undefined) this.s.redirectAnswerBy += this.at - parked.since;
    // What the replay sends is sent now, so the secrecy orders as they stand now govern it (R5): orders filed or
    // changed, and rulings on them, made while parked are applied before anything is replayed, and before the other
    // events (each group in arrival order). Otherwise an approval that arrived before a confirmation would send a prompt
    // notice the confirmed order now forbids. Their effects still follow the replayed ones, which were decided earlier.
    const mark = this.commands.length;
    for (const event of parked.deferred.filter(isSecrecyEvent)) this.apply({ ...event, at: resumedAt });
    const secrecyEffects = this.commands.splice(mark);
    const held = this.holdsParkedNotice(parked.commands);
    this.commands.push(...parked.commands.filter((c) => c.type !== "schedule_wake" && !(held && isPromptNotice(c))));
    this.commands.push(...secrecyEffects);
    if (held) this.noticeHeldOnResume();
    // A prompt notice replayed now goes out now: the customer's objection window runs from now, not from when it was
    // first decided (R5: notify → objection window → collect).
    else if (this.s.phase === "objection" && parked.commands.some(isPromptNotice)) {
      this.s.objectionEndsAt = this.at + isoDurationMs(this.s.settings.objectionWindow);
      this.stateObjectionEnd();
      this.record("objection window restarted", { detail: "The notice went out only on resume: the customer has the whole window from now." });
    }
    // Deferred events take effect now: what they send is sent now, and the windows they open run from now.
    for (const event of parked.deferred.filter((event) => !isSecrecyEvent(event))) this.apply({ ...event, at: resumedAt });
    // A notice held back leaves no objection window to wait for: approved under an order, the data is collected now, as
    // at an approval under one (after a withdrawal or an objection that arrived while parked, nothing is).
    if (held && this.s.phase === "objection" && this.s.objectionEndsAt === null) this.disclose();
    this.apply({ type: "tick", at: resumedAt });
  }

  /**
   * R5(a): whether the parked batch's prompt notice must not go out on the resume: it has not gone out (its batch kept
   * failing), and an order binds now that did not when it was decided (confirmed while parked).
   */
  private holdsParkedNotice(parkedCommands: Command[]): boolean {
    return parkedCommands.some(isPromptNotice) && this.s.notice.prompt === "sent" && secrecyInForce(this.s.secrecyOrders, this.at).kind !== "none";
  }

  /**
   * The parked prompt notice becomes the delayed notice owed on the order's end, as `promptNotice` decides under a
   * binding order. The objection window it opened is not run (nobody was told); whether the data is then collected is
   * left until the events that arrived while parked (a withdrawal, an objection) have been applied.
   */
  private noticeHeldOnResume(): void {
    this.s.notice.prompt = "not_sent";
    this.s.notice.delayed = "owed";
    this.record("notice delayed", { detail: "A secrecy order in force on the resume forbids the notice that had not gone out: the customer is told when it ends." });
    if (this.s.phase === "objection") {
      this.s.objectionEndsAt = null;
      this.record("objection window cancelled", { detail: "The notice that would have opened it was held back by the secrecy order." });
    }
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────────

  /** Records a step; returns its id. */
  private record(step: string, extra: Omit<Extract<Command, { type: "record" }>, "type" | "stepId" | "step"> = {}): string {
    const clean = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined && v !== ""));
    const stepId = `${this.s.demandId}:step:${++this.s.stepSeq}`;
    this.commands.push({ type: "record", stepId, step, ...clean });
    return stepId;
  }

  private plan() {
    const plan = this.s.facts?.plan;
    if (plan === null || plan === undefined) throw new Error("the lifecycle has no plan");
    return plan;
  }

  private targets() {
    return this.s.facts?.scope.targets ?? [];
  }

  private key(tag: string): string {
    return `${this.s.demandId}:${tag}`;
  }
}

/** R4/R11: a split demand whose consumer accounts held no data is counted by its enterprise part, which was redirected. */
function countedOutcome(outcome: Outcome, split: SplitState | undefined): Outcome {
  return outcome === "no_data" && split !== undefined && split.part !== "rejoined" ? "redirected" : outcome;
}

/** R4: the split of a redirected demand that also names consumer accounts; null when it is redirected whole. */
function splitOf(demand: DemandFacts): SplitState | null {
  const direct = demand.plan?.directTargets ?? [];
  const held = demand.scope.targets.filter((_, i) => !direct.includes(i));
  if (direct.length === 0 || held.length === 0) return null;
  return { held, part: "awaiting" };
}

/** A decision's identity for "heard once": its round and its reviewer (one decision per reviewer and round). */
function decisionId(d: ReviewerDecision): string {
  return `${d.round}:${d.reviewer}`;
}

function confirmationIndex(round: string): number {
  return Number(/^secrecy-confirm-(\d+)$/.exec(round)?.[1] ?? NaN) - 1;
}

function withoutTime(d: RecordedDecision): ReviewerDecision {
  const { decidedAt: _at, ...decision } = d;
  return decision;
}

function closingOutcome(action: string): Outcome | null {
  switch (action) {
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

function statusOf(s: LifecycleState): RecordStatus {
  switch (s.phase) {
    case "redirect":
      // A resume while the deadline's read is pending keeps the answer API closed.
      return (s.redirectClosing ?? null) !== null ? "in_review" : "awaiting_redirect";
    case "review":
      return "in_review";
    case "objection":
      return "awaiting_notice_window";
    case "disclosing":
      return "collecting";
    default:
      return s.notice.delayed === "owed" ? "awaiting_secrecy_expiry" : "delivered";
  }
}

function withoutKey<T>(record: Record<string, T>, key: number): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== String(key)));
}

function structuredCloneState(s: LifecycleState): LifecycleState {
  return JSON.parse(JSON.stringify(s)) as LifecycleState;
}

/** A prompt customer notice (R5): one that goes out before any disclosure and opens the objection window. */
function isPromptNotice(command: Command): boolean {
  return command.type === "send_customer_notice" && !command.delayed;
}

/** An event that changes which secrecy orders bind: a filing, extension or lift, or a ruling on a filed order. */
function isSecrecyEvent(event: DeciderEvent): boolean {
  return event.type === "secrecy_orders_changed" || (event.type === "review_decision" && event.decision.kind === "secrecy_confirmation");
}
