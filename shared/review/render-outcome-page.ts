import { html } from "./html";
import { ACTION_LABELS } from "./render-review-page";
import { renderPage } from "./render-page";
import type { ReviewDecisionEvent } from "./review-decision";

/** The page shown after a decision was handed to the demand's workflow. */
export function renderDecisionRecordedPage(event: ReviewDecisionEvent, reference: string): string {
  return renderPage(
    "Decision recorded",
    html`
<h1>Decision recorded</h1>
<p>Your decision on demand ${reference} (round ${event.round}) was recorded at ${event.decidedAt}:</p>
<p><strong>${ACTION_LABELS[event.action]}</strong></p>
${event.comment === undefined ? null : html`<p>Your comment: ${event.comment}</p>`}
<p>This link cannot be used again. You can close this page.</p>`,
  );
}

/** A page that explains why nothing happened and what to do. */
export function renderMessagePage(title: string, message: string): string {
  return renderPage(title, html`<h1>${title}</h1><p>${message}</p><p>Nothing was changed.</p>`);
}
