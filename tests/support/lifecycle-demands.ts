import type { DemandPlan } from "../../shared/domain/policy/policy-decision";
import { initialState, transition, type Command, type DeciderEvent, type DemandFacts, type LifecycleState, type ReviewerDecision, type SecrecyEntryView } from "../../shared/domain/lifecycle/decider";
import type { LifecycleSettings } from "../../shared/domain/lifecycle/lifecycle-settings";
import { previousHalfYear } from "../../scripts/relative-dates";
import { TEST_NOW } from "./builders";

/** A plan for a consumer warrant for content: one mailbox, two reviewers, prompt notice. */
export function aPlan(overrides: Partial<DemandPlan> = {}): DemandPlan {
  return {
    allowedCategories: ["subscriber_info", "content_mail"],
    refusedCategories: [],
    redirect: false,
    reviewersRequired: 2,
    notice: { kind: "notify" },
    emergency: null,
    preserveOnly: false,
    reimbursementAllowed: true,
    conflictOfLaws: null,
    targetsFound: 1,
    ...overrides,
  };
}

/** What loadDemand returns for a demand with that plan (its data range the half-year before `now`). */
export function aLifecycleDemand(plan: Partial<DemandPlan> = {}, overrides: Partial<DemandFacts> = {}, now: Date = TEST_NOW): DemandFacts {
  const full = aPlan(plan);
  return {
    id: "dmd-test",
    rejected: false,
    closed: false,
    plan: full,
    scope: {
      categories: full.allowedCategories,
      targets: [
        { type: "email", value: "pat@outlook.example" },
        { type: "phone", value: "+14155550123" },
      ],
      dateRange: previousHalfYear(now),
    },
    secrecyOrders: [],
    ...overrides,
  };
}

/** A secrecy order as loadDemand reports it. */
export function anOrder(index: number, overrides: Partial<SecrecyEntryView> = {}): SecrecyEntryView {
  return { index, reference: `SO-${index + 1}`, expiresOn: "2027-05-20", lifted: false, atIntake: index === 0, ...overrides };
}

/** A reviewer's decision event. */
export function aDecision(action: string, reviewer: string, overrides: Partial<ReviewerDecision> = {}): ReviewerDecision & { decidedAt: string } {
  return { round: "review-1", kind: "approval", reviewer, action, decidedAt: "2026-11-21T13:00:00.000Z", ...overrides };
}

/** Drives the pure decider one event at a time, keeping its state and every command it gave. */
export class DeciderRun {
  state: LifecycleState;
  readonly commands: Command[] = [];

  constructor(settings: LifecycleSettings, demandId = "dmd-test") {
    this.state = initialState(demandId, settings);
  }

  /** R9: the secrecy decisions the review page recorded on the demand, as the read at an order's end finds them (none by default). */
  readonly recordedDecisions: (ReviewerDecision & { decidedAt: string })[] = [];

  /** R4: when the API recorded a 'cannot redirect' answer on the demand, as the redirect deadline's read finds it (none by default). */
  redirectAnsweredAt: string | undefined;

  /** Applies one event; returns the commands it gave (with those of the redirect deadline's read, which the interpreter runs at once). */
  feed(event: DeciderEvent): Command[] {
    const next = transition(this.state, event);
    this.state = next.state;
    this.commands.push(...next.commands);
    if (next.commands.some((c) => c.type === "read_secrecy_decisions")) return [...next.commands, ...this.feed({ type: "secrecy_decisions_read", at: event.at, decisions: this.recordedDecisions })];
    if (!next.commands.some((c) => c.type === "read_redirect_answer")) return next.commands;
    const answer = this.redirectAnsweredAt === undefined ? {} : { answeredAt: this.redirectAnsweredAt };
    return [...next.commands, ...this.feed({ type: "redirect_answer_read", at: event.at, ...answer })];
  }
}
