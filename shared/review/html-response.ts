import type { HttpResponseInit } from "@azure/functions";
import { REVIEW_PAGE_HEADERS } from "./render-page";
import { renderMessagePage } from "./render-outcome-page";

/** An HTML review page with its security headers. */
export function htmlResponse(status: number, page: string): HttpResponseInit {
  return { status, headers: { ...REVIEW_PAGE_HEADERS }, body: page };
}

/** A page that says why nothing happened. */
export function messageResponse(refusal: { status: number; title: string; message: string }): HttpResponseInit {
  return htmlResponse(refusal.status, renderMessagePage(refusal.title, refusal.message));
}
