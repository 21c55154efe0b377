/** The names of what can happen to a running lifecycle; each is raised on the one durable event (decider/external-event.ts) as `{ name, payload }`. */
export const LifecycleEvent = {
  reviewDecision: "ReviewDecision",
  requesterAction: "RequesterAction",
  secrecyOrderChanged: "SecrecyOrderChanged",
  customerObjection: "CustomerObjection",
  /** The scheduled scan: a deadline the demand keeps as data has come. */
  tick: "Tick",
  /** An operator resumes a demand parked after a step kept failing. */
  operatorResume: "OperatorResume",
} as const;
