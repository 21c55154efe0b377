import type { HttpRequest, InvocationContext } from "@azure/functions";
import { describeError } from "../../shared/http/problem-response";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import type { LifecycleControl } from "../../shared/ports/lifecycle-control";
import { htmlResponse, messageResponse } from "../../shared/review/html-response";
import { claimSubjectDecision, decisionKey, openDemandReview, REFUSALS } from "../../shared/review/open-review";
import { renderDecisionRecordedPage } from "../../shared/review/render-outcome-page";
import { toDecisionEvent } from "../../shared/review/review-decision";
import { parseDecisionForm } from "../../shared/review/review-form";
import { checkNarrowing } from "../../shared/review/review-narrowing";
import { recordSecrecyDecision, releaseSecrecyDecision } from "../../shared/use-cases/record-secrecy-decision";
import type { ReviewScope } from "../../shared/review/review-round-state";
import { csrfProblem, readStaffSession } from "../../shared/staff/staff-request";
import { reviewPage, type ReviewPageDeps } from "./review-page-handler";
import { withProblems, type HttpHandler } from "./with-problems";

/** What deciding from the review page needs. */
export interface ReviewDecisionDeps extends ReviewPageDeps {
  /** The decision goes to the demand's lifecycle as its ReviewDecision event. */
  lifecycle: Pick<LifecycleControl, "raise">;
  publicBaseUrl: string;
}

const MAX_FORM_BYTES = 64 * 1024;
const FORM_TYPE = "application/x-www-form-urlencoded";
const DEMAND_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * POST /api/review/demands/{id}: the review page's form. Only a signed-in reviewer the round asks decides (R8), with
 * the session's CSRF token; the decision is recorded under the signed-in email, never one from a link. A secrecy round's
 * decision is first written on the demand (R9: the step at the order's end reads it there). The decision is raised and
 * then recorded as made: a crash in between leaves it unrecorded, so a retry raises it again,
 * and the lifecycle ignores a second decision by the same reviewer in the same round. "intent=preview" re-renders the
 * page with the narrowing's preview and decides nothing.
 */
export function makeReviewDecisionHandler(resolve: (context: InvocationContext) => Promise<ReviewDecisionDeps>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const form = await readForm(request);
    if (!form.ok) return messageResponse(form.refusal);
    const demandId = request.params.id ?? "";
    if (!DEMAND_ID.test(demandId)) return messageResponse(REFUSALS.notFound);
    const session = await readStaffSession(request, deps.staffCookies, deps.usedTokens);
    if (session === null) return messageResponse(REFUSALS.unsigned);
    const csrf = csrfProblem(request, session, form.fields, deps.publicBaseUrl);
    if (csrf !== null) return messageResponse({ status: 403, title: "Decisions come from the review page", message: csrf });
    const roundName = form.fields.get("round");
    if (roundName === null || roundName === "") return messageResponse({ status: 400, title: "The form names no review round", message: "Open the review page again and submit the form there." });

    const opened = await openDemandReview(deps, demandId, roundName, session.email, session.subject);
    if (!opened.ok) return messageResponse(opened.refusal);
    const { review } = opened;
    if (form.fields.get("intent") === "preview" && review.kind === "approval") {
      return htmlResponse(200, await reviewPage(deps, review, session, { entered: form.fields, previewScope: previewOf(form.fields, review.scope) }));
    }
    if (form.fields.get("confirm") !== "yes") {
      return htmlResponse(400, await reviewPage(deps, review, session, { problems: [{ field: "confirm", message: "Submit your decision with the form on this page." }], entered: form.fields }));
    }
    const parsed = parseDecisionForm(review.kind, form.fields, review.scope, { emergency: review.record.body.emergency !== undefined });
    if (!parsed.ok) return htmlResponse(400, await reviewPage(deps, review, session, { problems: parsed.problems, entered: form.fields }));

    const event = toDecisionEvent(parsed.decision, { round: review.roundName, kind: review.kind, reviewer: session.email, decidedAt: deps.now() });
    // One person is one sign-in subject: two sessions of it under different email claims give one decision (R8), even
    // posted at once, so the subject's claim is taken before raising, not after like the email's.
    if (!(await claimSubjectDecision(deps.usedTokens, demandId, review.roundName, session.subject, session.email))) return messageResponse(REFUSALS.alreadyDecided);
    // R9: a secrecy round's decision is on the demand before it is raised: the step at the order's end reads it there.
    if (!(await recordSecrecyDecision(deps.demands, demandId, event))) return messageResponse(REFUSALS.closed);
    try {
      await deps.lifecycle.raise(demandId, LifecycleEvent.reviewDecision, event);
    } catch (error) {
      context.error(`review decision not handed on: ${describeError(error)}`);
      // R9: a decision the order's end already found on the demand counts; the reviewer must not be sent to resubmit it.
      if (await releaseSecrecyDecision(deps.demands, demandId, event).catch(() => false)) {
        return messageResponse({
          status: 202,
          title: "Your decision was recorded",
          message: "The order's end closed this round while your decision was being handed on; it was recorded before that, and the workflow applies it. There is no need to submit it again.",
        });
      }
      return messageResponse({
        status: 503,
        title: "Your decision could not be recorded just now",
        message: "The workflow did not accept it; nothing was recorded, so please submit it again in a few minutes.",
      });
    }
    // After the event: if this write is lost, the retry above raises the same decision again (the lifecycle ignores it).
    await deps.usedTokens.markUsed(decisionKey(demandId, review.roundName, session.email));
    return htmlResponse(200, renderDecisionRecordedPage(event, review.record.body.legalProcess.reference));
  });
}

/** The scope the form's narrowing would keep, for the preview; an invalid narrowing previews the scope unchanged. */
function previewOf(fields: URLSearchParams, scope: ReviewScope): ReviewScope {
  const categories = fields.getAll("categories").filter((c): c is ReviewScope["categories"][number] => (scope.categories as string[]).includes(c));
  const targets = fields.getAll("targets").map(Number).filter((t) => scope.targets.includes(t));
  const from = fields.get("dateFrom") || scope.dateRange.from;
  const to = fields.get("dateTo") || scope.dateRange.to;
  const checked = checkNarrowing({ categories, targets, dateRange: { from, to: to ?? from } }, scope);
  if (!checked.ok) return { ...scope, categories, targets };
  return {
    categories: checked.narrowing.categories ?? scope.categories,
    targets: checked.narrowing.targets ?? scope.targets,
    dateRange: checked.narrowing.dateRange ?? scope.dateRange,
  };
}

type FormRead = { ok: true; fields: URLSearchParams } | { ok: false; refusal: { status: number; title: string; message: string } };

async function readForm(request: HttpRequest): Promise<FormRead> {
  // Browsers send this on a post from another site; the review page always posts to itself.
  if (request.headers.get("sec-fetch-site") === "cross-site") {
    return { ok: false, refusal: { status: 403, title: "Decisions come from the review page", message: "Open the review page and submit the form there." } };
  }
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== FORM_TYPE) {
    return { ok: false, refusal: { status: 415, title: "Decisions come from the review page", message: "Open the review page and submit the form there." } };
  }
  const tooLarge = { ok: false, refusal: { status: 413, title: "The form is too large", message: "Shorten your comment and submit again." } } as const;
  if (Number(request.headers.get("content-length") ?? "0") > MAX_FORM_BYTES) return tooLarge;
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > MAX_FORM_BYTES) return tooLarge;
  return { ok: true, fields: new URLSearchParams(bytes.toString("utf8")) };
}
