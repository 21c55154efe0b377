import type { DemandPlan } from "../../shared/domain/policy/policy-decision";
import type { LifecycleDemand } from "../../shared/domain/lifecycle/lifecycle-demand";
import type { ReviewDecisionEvent } from "../../shared/domain/lifecycle/lifecycle-events";

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

/** What loadDemand returns for a demand with that plan. */
export function aLifecycleDemand(plan: Partial<DemandPlan> = {}, overrides: Partial<LifecycleDemand> = {}): LifecycleDemand {
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
      dateRange: { from: "2026-01-01", to: "2026-06-30" },
    },
    secrecy: { kind: "none" },
    ...overrides,
  };
}

/** A reviewer's decision event. */
export function aDecision(action: ReviewDecisionEvent["action"], reviewer: string, overrides: Partial<ReviewDecisionEvent> = {}): ReviewDecisionEvent {
  return { round: "review-1", kind: "approval", reviewer, action, decidedAt: "2026-11-21T13:00:00.000Z", ...overrides };
}
