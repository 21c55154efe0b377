import type { ReviewDecisionEvent } from "../review/review-decision";

/** Where a reviewer's decision goes: the lead raises it as the durable external event "ReviewDecision". */
export interface DecisionSink {
  /** Hands one decision to the demand's orchestration. */
  submit(demandId: string, event: ReviewDecisionEvent): Promise<void>;
}
