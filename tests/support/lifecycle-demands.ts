import type { DemandPlan } from "../../shared/domain/policy/policy-decision";
import type { LifecycleDemand } from "../../shared/domain/lifecycle/lifecycle-demand";
import type { ReviewDecisionEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { previousHalfYear } from "../../scripts/relative-dates";
import { TEST_NOW } from "./builders";

/** A plan for a consumer warrant for content: one mailbox, two reviewers, prompt notice. */
export function aPlan(overrides: Partial<DemandPlan> = {}): DemandPlan {
  return {
    allowedCategories: ["subscriber_info", "content_mail"],
    refusedCategories: [],
    redirect: false,
    reviewersRequired: 2,
    notice: { kind: "prompt" },
    emergency: null,
    preserveOnly: false,
    reimbursementAllowed: true,
    conflictOfLaws: null,
    targetsFound: 1,
    ...overrides,
  };
}

/** What loadDemand returns for a demand with that plan (its data range the half-year before `now`). */
export function aLifecycleDemand(plan: Partial<DemandPlan> = {}, overrides: Partial<LifecycleDemand> = {}, now: Date = TEST_NOW): LifecycleDemand {
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
    secrecy: { kind: "none" },
    ...overrides,
  };
}

/** A reviewer's decision event, an hour after `now`. */
export function aDecision(action: ReviewDecisionEvent["action"], reviewer: string, overrides: Partial<ReviewDecisionEvent> = {}, now: Date = TEST_NOW): ReviewDecisionEvent {
  return { round: "review-1", kind: "approval", reviewer, action, decidedAt: new Date(now.getTime() + 3_600_000).toISOString(), ...overrides };
}
