import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { createHash } from "node:crypto";
import type { AuditLog } from "../../shared/ports/audit-log";
import type { DocumentStore } from "../../shared/ports/document-store";
import { scopeForReview } from "../../shared/domain/lifecycle/scope";
import { summarizeDemand } from "../../shared/review/demand-summary";
import { reviewDocuments } from "../../shared/review/evidence/review-documents";
import { gatherEvidence, type EvidenceDeps } from "../../shared/review/evidence/review-evidence";
import { htmlResponse, messageResponse } from "../../shared/review/html-response";
import { openDemandReview, resolveReviewLink, type OpenReview, type OpenReviewDeps } from "../../shared/review/open-review";
import { renderReviewPage } from "../../shared/review/render-review-page";
import type { FormProblem } from "../../shared/review/review-narrowing";
import type { ReviewScope } from "../../shared/review/review-round-state";
import type { ReviewTokens } from "../../shared/review/review-token";
import { loginUrl, readStaffSession } from "../../shared/staff/staff-request";
import type { SealedCookies, StaffSession } from "../../shared/staff/staff-session";
import { withProblems, type HttpHandler } from "./with-problems";

/** What the review page needs: the round, the signed-in person, and the evidence. */
export interface ReviewPageDeps extends OpenReviewDeps, EvidenceDeps {
  reviewTokens: Pick<ReviewTokens, "verify">;
  staffCookies: SealedCookies;
  documents: DocumentStore;
  audit: AuditLog;
  now: () => Date;
}

const DEMAND_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** GET /api/review/{token}: the mailed deep link; it opens the demand's review page for its round and decides nothing. */
export function makeReviewLinkHandler(resolve: (context: InvocationContext) => Promise<Pick<ReviewPageDeps, "reviewTokens" | "now">>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const link = resolveReviewLink(deps.reviewTokens, request.params.token ?? "", deps.now());
    if (!link.ok) return messageResponse(link.refusal);
    return { status: 303, headers: { location: `/api/review/demands/${encodeURIComponent(link.demandId)}?round=${encodeURIComponent(link.round)}`, "cache-control": "no-store" } };
  });
}

/**
 * GET /api/review/demands/{id}?round=: the review page for signed-in staff; it changes nothing but the audit log (each
 * view of the identifiers is recorded). Unsigned visitors are sent to sign in; a person the round does not ask sees
 * no evidence.
 */
export function makeReviewPageHandler(resolve: (context: InvocationContext) => Promise<ReviewPageDeps>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const opened = await openForSession(deps, request);
    if (!opened.ok) return opened.response;
    return htmlResponse(200, await reviewPage(deps, opened.review, opened.session));
  });
}

/** GET /api/review/demands/{id}/documents/{document}?round=: a filed document, inline, for a reviewer the open round asks. */
export function makeReviewDocumentHandler(resolve: (context: InvocationContext) => Promise<ReviewPageDeps>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const opened = await openForSession(deps, request);
    if (!opened.ok) return opened.response;
    const { review } = opened;
    const document = reviewDocuments(review.record).find((d) => d.id === request.params.document);
    if (document === undefined) return messageResponse({ status: 404, title: "No such document", message: "This demand has no document with that name." });
    const bytes = await deps.documents.get(document.blobName);
    if (bytes === null || createHash("sha256").update(bytes).digest("hex") !== document.sha256) {
      context.error(`review document ${document.id} of a demand is missing or does not match its recorded digest`);
      return messageResponse({ status: 409, title: "The document cannot be shown", message: "The stored document does not match the one received. Tell the compliance team; nothing was changed." });
    }
    await auditView(deps, review, "review.document.viewed", `Round ${review.roundName}: ${document.id}.`, document.sha256);
    return {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="${document.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
        "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        "cache-control": "no-store, private",
        "referrer-policy": "no-referrer",
        "x-content-type-options": "nosniff",
        "cross-origin-resource-policy": "same-origin",
      },
      body: bytes,
    };
  });
}

type OpenedForSession = { ok: true; review: OpenReview; session: StaffSession } | { ok: false; response: HttpResponseInit };

/** The signed-in person and the round they may decide, or the answer to give instead (sign in, refusal). */
export async function openForSession(deps: ReviewPageDeps, request: HttpRequest): Promise<OpenedForSession> {
  const demandId = request.params.id ?? "";
  if (!DEMAND_ID.test(demandId)) return { ok: false, response: messageResponse({ status: 404, title: "Demand not found", message: "There is no demand with this id." }) };
  const session = await readStaffSession(request, deps.staffCookies, deps.usedTokens);
  if (session === null) {
    const url = new URL(request.url);
    return { ok: false, response: { status: 303, headers: { location: loginUrl(`${url.pathname}${url.search}`), "cache-control": "no-store" } } };
  }
  const round = request.query.get("round");
  const opened = await openDemandReview(deps, demandId, round === null || round === "" ? null : round, session.email, session.subject);
  if (!opened.ok) return { ok: false, response: messageResponse(opened.refusal) };
  return { ok: true, review: opened.review, session };
}

/**
 * The review page for an open round, optionally previewing a narrowed scope, with a rejected form's problems and
 * entries. It shows the identifiers by value, so every rendering is audited (R12).
 */
export async function reviewPage(deps: ReviewPageDeps, review: OpenReview, session: StaffSession, options: { problems?: FormProblem[]; entered?: URLSearchParams; previewScope?: ReviewScope } = {}): Promise<string> {
  await auditView(deps, review, "review.identifiers.viewed", `Round ${review.roundName}: the review page with the identifiers by value.`);
  // At a secrecy order's end nothing more is collected: the page shows what was approved and released, which the
  // delayed notice tells the customer (R9), not the order's planned scope as if about to leave.
  const approved = review.kind === "secrecy_expiry" && review.record.approvedScope !== undefined ? scopeForReview(review.record.approvedScope, review.record.body.targets) : undefined;
  const evidence = await gatherEvidence(
    deps,
    review.record,
    { name: review.roundName, kind: review.kind, ...(review.round.deadline === undefined ? {} : { deadline: review.round.deadline }) },
    options.previewScope ?? approved ?? review.scope,
  );
  return renderReviewPage({
    summary: summarizeDemand(review.record, deps.now()),
    kind: review.kind,
    round: review.roundName,
    reviewer: review.reviewer,
    state: review.round,
    scope: review.scope,
    targets: review.record.body.targets,
    emergency: review.record.body.emergency !== undefined,
    formAction: `/api/review/demands/${encodeURIComponent(review.record.id)}`,
    csrf: session.csrf,
    evidence,
    ...(review.record.customerObjections === undefined ? {} : { objections: review.record.customerObjections }),
    ...(options.problems === undefined ? {} : { problems: options.problems }),
    ...(options.entered === undefined ? {} : { entered: options.entered }),
  });
}

/** The audit actor of a signed-in reviewer: the role and a hash of the email (no address in the chain). */
export function reviewerActor(email: string): string {
  return `reviewer:${createHash("sha256").update(email).digest("hex")}`;
}

async function auditView(deps: ReviewPageDeps, review: OpenReview, step: string, detail: string, documentDigest?: string): Promise<void> {
  await deps.audit.append(review.record.id, {
    at: deps.now().toISOString(),
    actor: reviewerActor(review.reviewer),
    step,
    detail,
    ...(documentDigest === undefined ? {} : { documentDigest }),
  });
}
