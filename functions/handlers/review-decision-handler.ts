import type { InvocationContext } from "@azure/functions";
import type { HttpRequest } from "@azure/functions";
import { describeError } from "../../shared/http/problem-response";
import type { DecisionSink } from "../../shared/ports/decision-sink";
import { htmlResponse, messageResponse } from "../../shared/review/html-response";
import { openReview, USED_REFUSAL } from "../../shared/review/open-review";
import { renderDecisionRecordedPage } from "../../shared/review/render-outcome-page";
import { toDecisionEvent } from "../../shared/review/review-decision";
import { parseDecisionForm } from "../../shared/review/review-form";
import { reviewPage, type ReviewPageDeps } from "./review-page-handler";
import { withProblems, type HttpHandler } from "./with-problems";

/** What deciding from the review page needs. */
export interface ReviewDecisionDeps extends ReviewPageDeps {
  decisionSink: DecisionSink;
}

const MAX_FORM_BYTES = 64 * 1024;
const FORM_TYPE = "application/x-www-form-urlencoded";

/**
 * POST /api/review/{token}: the form of the review page. The token in the path is the credential, so another site
 * cannot forge the post; the form must also carry its hidden confirm field. The token is spent only once the decision
 * is valid, and released again if the workflow could not take it, so the reviewer can retry.
 */
export function makeReviewDecisionHandler(resolve: (context: InvocationContext) => Promise<ReviewDecisionDeps>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const form = await readForm(request);
    if (!form.ok) return messageResponse(form.refusal);
    const now = deps.now();
    const opened = await openReview(deps, request.params.token ?? "", now);
    if (!opened.ok) return messageResponse(opened.refusal);
    const { review } = opened;
    if (form.fields.get("confirm") !== "yes") {
      return htmlResponse(400, reviewPage(review, [{ field: "confirm", message: "Submit your decision with the form on this page." }], form.fields));
    }
    const parsed = parseDecisionForm(review.claims.kind, form.fields, review.scope);
    if (!parsed.ok) return htmlResponse(400, reviewPage(review, parsed.problems, form.fields));

    const { claims } = review;
    const event = toDecisionEvent(parsed.decision, { round: claims.round, kind: claims.kind, reviewer: claims.reviewer, decidedAt: now });
    if (!(await deps.usedTokens.markUsed(claims.jti))) return messageResponse(USED_REFUSAL);
    try {
      await deps.decisionSink.submit(claims.demandId, event);
    } catch (error) {
      await deps.usedTokens.release(claims.jti);
      context.error(`review decision not handed on: ${describeError(error)}`);
      return messageResponse({
        status: 503,
        title: "Your decision could not be recorded just now",
        message: "The workflow did not accept it; your link still works, so please try again in a few minutes.",
      });
    }
    return htmlResponse(200, renderDecisionRecordedPage(event, review.record.body.legalProcess.reference));
  });
}

type FormRead = { ok: true; fields: URLSearchParams } | { ok: false; refusal: { status: number; title: string; message: string } };

async function readForm(request: HttpRequest): Promise<FormRead> {
  // Browsers send this on a post from another site; the review page always posts to itself.
  if (request.headers.get("sec-fetch-site") === "cross-site") {
    return { ok: false, refusal: { status: 403, title: "Decisions come from the review page", message: "Open the review link and submit the form there." } };
  }
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== FORM_TYPE) {
    return { ok: false, refusal: { status: 415, title: "Decisions come from the review page", message: "Open the review link and submit the form there." } };
  }
  const tooLarge = { ok: false, refusal: { status: 413, title: "The form is too large", message: "Shorten your comment and submit again." } } as const;
  if (Number(request.headers.get("content-length") ?? "0") > MAX_FORM_BYTES) return tooLarge;
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > MAX_FORM_BYTES) return tooLarge;
  return { ok: true, fields: new URLSearchParams(bytes.toString("utf8")) };
}
