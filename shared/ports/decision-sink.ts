import type { ReviewDecisionEvent } from "../review/review-decision";

/** Where a reviewer's decision goes: the demand's lifecycle, as its reviewDecision event (LifecycleControl.raise). */
export interface DecisionSink {
  /** Hands one decision to the demand's orchestration. */
  submit(demandId: string, event: ReviewDecisionEvent): Promise<void>;
}
