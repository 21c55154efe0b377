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
  /** How far ahead of a secrecy order's end reviewers are asked whether the delayed notice would endanger someone (R9). */
  secrecyExpiryLead: string;
  /** How long reviewers have when an order ends without warning (a lifting) before the delayed notice goes out (R9). */
  secrecyExpiryDecisionWindow: string;
  /** Retries of a failing step (backoff doubling from the first delay up to the longest), before an operator is needed. */
  retry: { firstIntervalMs: number; maxIntervalMs: number; maxAttempts: number };
  /** Reminders to the escalation pool after escalation, before the round only waits (an emergency's operators are alerted once its escalated deadline passes, R10). */
  maxReminders: number;
}

/** The orchestration every demand runs: registered under this name (orchestrations/demand-lifecycle.ts), started by it. */
export const LIFECYCLE_ORCHESTRATION = "demandLifecycle";

/**
 * The lifecycle rules a new instance is started under. An instance keeps the version it started with for its whole life
 * (months, under a secrecy order), so a decider change that would decide a recorded history differently bumps this and
 * keeps the old behaviour for older versions (README "Changing the lifecycle safely").
 */
export const LIFECYCLE_VERSION = 3;

/** Version 2: the redirect deadline reads the demand for a 'cannot redirect' answer recorded before it (R4) before closing it. */
export const REDIRECT_DEADLINE_READS_DEMAND = 2;

/** Version 3: at a secrecy order's end the demand is read for reviewers' decisions made before it (R9) before any notice. */
export const SECRECY_END_READS_DEMAND = 3;

/** The input of one demand's lifecycle orchestration. */
export interface LifecycleInput {
  demandId: string;
  settings: LifecycleSettings;
  /** The rules it was started under; absent in inputs recorded before versions were (read as version 1). */
  version?: number;
}
