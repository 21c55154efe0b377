import type { AdaptiveCard } from "../../ports/teams-notifier";
import { buildAdaptiveCard } from "../adaptive-card";
import { describeSecrecy, type DemandSummary } from "../demand-summary";
import { readableDateTime } from "../evidence/readable-time";
import type { ReviewKind } from "../review-kind";
import { oneLine, renderMessage, type Message, type MessageBlock } from "./message-document";

/** A reviewer's mail and the Teams card for the same request. */
export interface ReviewerMessage extends Message {
  card: AdaptiveCard;
}

/** What a message to a reviewer is about. */
export interface ReviewRequest {
  summary: DemandSummary;
  kind: ReviewKind;
  round: string;
  /** The mailed deep link to the review page (its token names the demand and round; it cannot decide by itself). */
  reviewUrl: string;
  /** The demand's review page, for the shared Teams channel (never a personal token). */
  pageUrl: string;
  /** When the round escalates, ISO date-time. */
  deadline: string;
}

const ASKS: Readonly<Record<ReviewKind, string>> = {
  approval: "approve, narrow, reject or challenge a demand for customer data",
  redirect: "decide whether a requester's reason not to approach the enterprise customer is acceptable",
  secrecy_expiry: "decide whether the customer is notified now that a secrecy order has expired",
  secrecy_confirmation: "confirm or refuse a secrecy order the requester filed after intake (it restrains notice only once confirmed)",
};

/** "Review requested": the first message of a round, with the reviewer's link. */
export function reviewRequestedMessage(request: ReviewRequest): ReviewerMessage {
  return reviewerMessage(request, "Review requested", `You are asked to ${ASKS[request.kind]}.`, false);
}

/** "Reminder": the round is still waiting for this reviewer. */
export function reviewReminderMessage(request: ReviewRequest): ReviewerMessage {
  return reviewerMessage(request, "Reminder: review waiting", `A review is still waiting for your decision: ${ASKS[request.kind]}.`, false);
}

/** "Escalated to you": the deadline passed without a decision and the review now falls to this reviewer. */
export function reviewEscalatedMessage(request: ReviewRequest): ReviewerMessage {
  return reviewerMessage(
    request,
    "Escalated to you: review deadline passed",
    `The deadline passed without a decision, so this review was escalated to you. You are asked to ${ASKS[request.kind]}.`,
    true,
  );
}

function reviewerMessage(request: ReviewRequest, title: string, intro: string, urgent: boolean): ReviewerMessage {
  const { summary } = request;
  const facts = reviewFacts(request);
  const blocks: MessageBlock[] = [
    { paragraph: intro },
    { facts },
    { link: { label: "Open the review page (sign in with your staff account; nothing is decided until you submit its form)", url: request.reviewUrl } },
    { paragraph: "The link only opens the page: deciding needs your staff sign-in, and a decision counts only from a reviewer the round asked." },
  ];
  const subject = oneLine(`${title}: ${summary.reference} (${summary.agency}, ${summary.country})${summary.plan?.emergencyDeadlineMinutes != null ? " [EMERGENCY]" : ""}`);
  return {
    ...renderMessage(subject, blocks),
    card: buildAdaptiveCard({ title: subject, intro, facts, links: [{ title: "Open the review page", url: request.pageUrl }], urgent: urgent || summary.emergency !== null }),
  };
}

/** The facts a reviewer sees before opening the link: no identifier values, no document. */
export function reviewFacts(request: Pick<ReviewRequest, "summary" | "round" | "deadline">): [string, string][] {
  const { summary } = request;
  const facts: [string, string][] = [
    ["Demand", `${summary.process}, ${summary.reference}`],
    ["Requester", `${summary.agency} (${summary.country})`],
    ...(summary.agencyAsNamed === null ? [] : [["Requester as named in the demand", summary.agencyAsNamed] as [string, string]]),
    ["Categories", summary.categoriesAllowed.length > 0 ? summary.categoriesAllowed.join(", ") : summary.categoriesAsked.join(", ")],
    ["Date range", `${summary.dateRange.from} to ${summary.dateRange.to}`],
    ["Identifiers", String(summary.identifierCount)],
    ["Round", request.round],
    ["Decide by", readableDateTime(request.deadline)],
  ];
  if (summary.plan !== null) facts.push(["Reviewers needed", String(summary.plan.reviewersRequired)]);
  if (summary.plan?.conflictOfLaws != null) facts.push(["Conflict of laws", "yes: see the review page"]);
  if (summary.secrecy !== null) facts.push(["Secrecy orders", describeSecrecy(summary.secrecy)]);
  return facts;
}
