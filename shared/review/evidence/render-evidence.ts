import { CATEGORY_LABELS, IDENTIFIER_LABELS } from "../../domain/policy/labels";
import { html, type SafeHtml } from "../html";
import type { ReviewEvidence } from "./review-evidence";

/** The evidence sections of the signed-in review page: documents, identifiers by value, preview, context. */
export function renderEvidence(evidence: ReviewEvidence, emergency: boolean): SafeHtml {
  return html`
${renderDocuments(evidence)}
${renderIdentifiers(evidence)}
${renderPreview(evidence)}
${renderContext(evidence, emergency)}`;
}

function renderDocuments(evidence: ReviewEvidence): SafeHtml {
  return html`
<section aria-labelledby="documents">
<h2 id="documents">The documents</h2>
<p>Check signature, court, addressee, dates and the accounts named against the documents themselves. Each opens only for you, and each view is recorded in the demand's audit log.</p>
<ul>${evidence.documents.map((d) => html`<li><a href="${d.path}" target="_blank" rel="noopener noreferrer">${d.label}</a><br><small>SHA-256 recorded at receipt: <code>${d.sha256}</code></small></li>`)}</ul>
</section>`;
}

function renderIdentifiers(evidence: ReviewEvidence): SafeHtml {
  return html`
<section aria-labelledby="identifiers">
<h2 id="identifiers">The identifiers</h2>
<table>
<thead><tr><th scope="col">#</th><th scope="col">Identifier</th><th scope="col">Found</th><th scope="col">Customer</th><th scope="col">Enterprise or consumer</th><th scope="col">Data stored in</th><th scope="col">Keys</th><th scope="col">De-linked</th></tr></thead>
<tbody>${evidence.identifiers.map(
    (t) => html`<tr><td>${t.index + 1}</td><td>${IDENTIFIER_LABELS[t.type]}: <strong class="identifier">${t.value}</strong></td><td>${t.found ? "yes" : "no"}</td><td>${t.found ? `${t.tenantName ?? t.tenantId ?? ""}` : "—"}</td><td>${t.found ? (t.enterprise ? "enterprise" : "consumer or small organisation") : "—"}</td><td>${t.dataCountry ?? "—"}</td><td>${t.keyOption === undefined ? "—" : t.keyOption.kind.replace(/_/g, " ")}</td><td>${t.found ? (t.delinked ? "yes" : "no") : "—"}</td></tr>`,
  )}</tbody>
</table>
</section>`;
}

function renderPreview(evidence: ReviewEvidence): SafeHtml {
  const { preview } = evidence;
  return html`
<section aria-labelledby="preview">
${evidence.kind === "secrecy_expiry"
    ? html`<h2 id="preview">What was approved for release</h2>
<p>Nothing more is collected in this round. The scope reviewers approved (after any narrowing), items dated ${preview.range.from} to ${preview.range.to}: what the delayed notice tells the customer about. Counted from the data source's listing only.</p>`
    : html`<h2 id="preview">What would leave</h2>
<p>If approved as shown (including a narrowing you previewed), these items dated ${preview.range.from} to ${preview.range.to} would be collected, sealed and released. Counted from the data source's listing only: nothing was opened or collected.</p>`}
<table id="preview-table">
<thead><tr><th scope="col">Account</th><th scope="col">Identifiers</th><th scope="col">Category</th><th scope="col">Items</th><th scope="col">Bytes</th><th scope="col">Customer-held (the provider cannot decrypt)</th></tr></thead>
<tbody>${preview.rows.map(
    (r) => html`<tr><td>${r.accountId}</td><td>${r.identifiers.join(", ")}</td><td>${CATEGORY_LABELS[r.category]}</td><td class="items">${r.items}</td><td>${r.bytes}${r.unsizedItems > 0 ? ` (+${r.unsizedItems} of unlisted size)` : ""}</td><td>${r.customerHeld}</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row" colspan="3">Total</th><td id="preview-total-items">${preview.totals.items}</td><td id="preview-total-bytes">${preview.totals.bytes}</td><td>${preview.totals.customerHeld}</td></tr></tfoot>
</table>
${preview.rows.length === 0 ? html`<p>Nothing would leave: no kept identifier maps to an account, or nothing is kept.</p>` : null}
</section>`;
}

function renderContext(evidence: ReviewEvidence, emergency: boolean): SafeHtml {
  const { secrecy, requester, prior } = evidence;
  return html`
<section aria-labelledby="context">
<h2 id="context">Context</h2>
<h3>Conflict of laws</h3>
${evidence.conflictOfLaws === null ? html`<p>None found.</p>` : html`<div class="flag" role="note"><p>${evidence.conflictOfLaws.explanation}</p><p>Data stored in: ${evidence.conflictOfLaws.dataCountries.join(", ")}; requester in ${evidence.conflictOfLaws.requesterCountry}.</p></div>`}
<h3>Secrecy orders (as filed now)</h3>
${secrecy.orders.length === 0 ? html`<p>None filed.</p>` : html`<ul>${secrecy.orders.map(
    (o) => html`<li>${o.lifted ? "Lifting of " : ""}${o.reference} (${o.court}, as stated in the filing), issued ${o.issuedOn}, in force until ${o.expires}; filed ${o.filedAt}; ${o.confirmation}${o.documentPath === undefined ? null : html`; <a href="${o.documentPath}" target="_blank" rel="noopener noreferrer">its document</a>`}</li>`,
  )}</ul><p>Latest expiry of the orders in force: ${secrecy.latestExpiry ?? "none in force"}.</p>`}
<h3>The requester</h3>
${requester.found ? html`<p>${requester.name} (${requester.country}): vetting status <strong>${requester.status}</strong>, vetted ${requester.vettedAt}.</p>` : html`<p class="flag">The requester is not in the registry.</p>`}
${requester.atIntake === undefined ? null : html`<p class="flag">The registry's entry has changed since intake: the requester was vetted as ${requester.atIntake} when the demand was received (“Requesting agency” above).</p>`}
${emergency ? html`<p class="flag">Agency's number on file for the call-back: <strong>${requester.emergencyCallbackNumber ?? "none on file: verify through the agency's published switchboard, never a number from the request"}</strong></p>` : null}
<h3>Prior demands for the same identifiers</h3>
${prior === null ? html`<p>Not available.</p>` : html`<p>${prior.count === 0 ? "None in this system." : `${prior.count}: ${Object.entries(prior.outcomes).map(([o, n]) => `${o.replace(/_/g, " ")} × ${n}`).join(", ")}`}</p>`}
<h3>Deadlines</h3>
<dl>${evidence.deadlines.map((d) => html`<dt>${d.label}</dt><dd>${d.when}</dd>`)}</dl>
</section>`;
}
