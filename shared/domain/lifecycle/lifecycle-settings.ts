/** Deadlines and intervals of the lifecycle, as ISO 8601 durations; read from config by the starter and passed in, since orchestrators read no environment. */
export interface LifecycleSettings {
  /** How long the requester has to answer a redirect before the demand closes as redirected (R4). */
  redirectDeadline: string;
  /** How long a review round waits before escalating to the second pool (R8). */
  reviewDeadline: string;
  /** The review deadline of an emergency request (R10). */
  emergencyReviewDeadline: string;
  /** How long the customer has to object after a prompt notice, before collection. */
  objectionWindow: string;
  /** How often an open-ended secrecy order is put up for review and challenge (R9). */
  secrecyReviewInterval: string;
  /** How long reviewers have, at a secrecy order's expiry, to withhold the delayed notice before it goes out (R9). */
  secrecyExpiryDecisionWindow: string;
  /** Reminders to the escalation pool after escalation, before the round is left waiting silently. */
  maxReminders: number;
}

/** The input of one demand's lifecycle orchestration. */
export interface LifecycleInput {
  demandId: string;
  settings: LifecycleSettings;
}
