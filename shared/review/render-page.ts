import { createHash } from "node:crypto";
import { html, SafeHtml } from "./html";
import { oneLine } from "./messages/message-document";

const STYLE = [
  "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}",
  "dt{font-weight:600}dd{margin:0 0 .5rem 0}fieldset{margin:1rem 0;border:1px solid #767676;padding:.75rem}",
  "legend{font-weight:600}label{display:block;margin:.25rem 0}textarea{width:100%;min-height:6rem}",
  ".problems{border:2px solid #b00020;padding:.5rem 1rem}.flag{border-left:4px solid #b36b00;padding-left:.75rem}",
  "button{font-size:1rem;padding:.5rem 1rem}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #bbb;padding:.2rem .4rem;text-align:left}",
].join("");

/** The Content-Security-Policy of every review page: nothing loads, only this stylesheet applies, forms post back here. */
export const REVIEW_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Headers of every review page: strict CSP, never cached, no referrer to other sites. "same-origin" rather than
 * "no-referrer", because under "no-referrer" browsers send "Origin: null" with the form's POST, which the CSRF check
 * must refuse.
 */
export const REVIEW_PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": REVIEW_PAGE_CSP,
  "cache-control": "no-store",
  "referrer-policy": "same-origin",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
};

/** A whole page: language, title, the inline stylesheet and the main content. */
export function renderPage(title: string, main: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${oneLine(title)} – Lawful Request Workflow</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`.value;
}
