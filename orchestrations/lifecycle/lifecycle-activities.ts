import type { RegisteredActivity } from "durable-functions";

/** The activities the lifecycle calls; the registration passes the real ones, tests pass their own. */
export interface LifecycleActivities {
  /** (demandId) → LifecycleDemand */
  loadDemand: RegisteredActivity;
  /** (RecordStepInput) → void: timeline, status, review-round state and audit. */
  recordStep: RegisteredActivity;
  /** (NotifyRequesterInput) → void */
  notifyRequester: RegisteredActivity;
  /** (RequestReviewInput) → void: review links by email and Teams. */
  requestReview: RegisteredActivity;
  /** (CustomerNoticeInput) → { sent: boolean } */
  sendCustomerNotice: RegisteredActivity;
  /** (DiscloseInput) → DisclosureResult */
  disclose: RegisteredActivity;
  /** (CloseDemandInput) → void: final status, transparency count, audit. */
  closeDemand: RegisteredActivity;
}
