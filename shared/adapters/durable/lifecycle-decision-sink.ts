import { LifecycleEvent } from "../../domain/lifecycle/lifecycle-events";
import type { DecisionSink } from "../../ports/decision-sink";
import type { LifecycleControl } from "../../ports/lifecycle-control";
import type { ReviewDecisionEvent } from "../../review/review-decision";

/** Hands a reviewer's decision to the demand's lifecycle as its ReviewDecision event. */
export class LifecycleDecisionSink implements DecisionSink {
  constructor(private readonly lifecycle: LifecycleControl) {}

  async submit(demandId: string, event: ReviewDecisionEvent): Promise<void> {
    await this.lifecycle.raise(demandId, LifecycleEvent.reviewDecision, event);
  }
}
