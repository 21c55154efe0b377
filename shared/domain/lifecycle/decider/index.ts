import { LIFECYCLE_VERSION, type LifecycleSettings } from "../lifecycle-settings";
import type { Command, DeciderEvent, LifecycleState } from "./model";
import { transition } from "./transition";

export type { Command, DeciderEvent, DemandFacts, LifecycleState, ReviewerDecision, SecrecyEntryView } from "./model";
export { EMERGENCY_UNDECIDED } from "./model";
export { transition } from "./transition";
export { nextWake } from "./wake";

/** The state of a lifecycle before its demand is read, under the rules of `version` (the one its instance started with). */
export function initialState(demandId: string, settings: LifecycleSettings, version = LIFECYCLE_VERSION): LifecycleState {
  return {
    demandId,
    version,
    settings,
    phase: "new",
    facts: null,
    scope: { categories: [], targets: [], dateRange: { from: "", to: "" } },
    round: null,
    roundSeq: 0,
    stepSeq: 0,
    redirectAnswerBy: null,
    confirmations: [],
    confirmationTimes: {},
    secrecyOrders: [],
    notice: { prompt: "not_sent", delayed: "not_owed" },
    objectionEndsAt: null,
    expiry: null,
    nextSecrecyReviewAt: null,
    secrecyReviews: 0,
    released: false,
    disclosure: null,
    outcome: null,
    closed: false,
    parked: null,
    wakeAt: null,
  };
}

/** The decider's "decide": what must happen when this event meets this state. */
export function decide(state: LifecycleState, event: DeciderEvent): Command[] {
  return transition(state, event).commands;
}

/** The decider's "evolve": the state after this event. */
export function evolve(state: LifecycleState, event: DeciderEvent): LifecycleState {
  return transition(state, event).state;
}
