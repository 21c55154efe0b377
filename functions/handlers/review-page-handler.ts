import type { InvocationContext } from "@azure/functions";
import { summarizeDemand } from "../../shared/review/demand-summary";
import { htmlResponse, messageResponse } from "../../shared/review/html-response";
import { openReview, type OpenReview, type OpenReviewDeps } from "../../shared/review/open-review";
import { renderReviewPage } from "../../shared/review/render-review-page";
import type { FormProblem } from "../../shared/review/review-narrowing";
import { withProblems, type HttpHandler } from "./with-problems";

/** What the review page needs. */
export interface ReviewPageDeps extends OpenReviewDeps {
  now: () => Date;
}

/** GET /api/review/{token}: the confirmation page with the decision form; it changes nothing (mail scanners fetch links). */
export function makeReviewPageHandler(resolve: (context: InvocationContext) => Promise<ReviewPageDeps>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const opened = await openReview(deps, request.params.token ?? "", deps.now());
    if (!opened.ok) return messageResponse(opened.refusal);
    return htmlResponse(200, reviewPage(opened.review));
  });
}

/** The review page for an open review, optionally with a rejected form's problems and entries. */
export function reviewPage(review: OpenReview, problems?: FormProblem[], entered?: URLSearchParams): string {
  return renderReviewPage({
    summary: summarizeDemand(review.record),
    kind: review.claims.kind,
    round: review.claims.round,
    reviewer: review.claims.reviewer,
    state: review.round,
    scope: review.scope,
    targetTypes: review.record.body.targets.map((t) => t.type),
    ...(problems === undefined ? {} : { problems }),
    ...(entered === undefined ? {} : { entered }),
  });
}
