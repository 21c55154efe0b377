import type { Target } from "../domain/demand";
import { RejectionReason } from "../domain/enums";
import { IDENTIFIER_LABELS } from "../domain/policy/labels";
import { categoryLabel, describeSecrecy, type DemandSummary } from "./demand-summary";
import { renderEvidence } from "./evidence/render-evidence";
import type { ReviewEvidence } from "./evidence/review-evidence";
import { html, type SafeHtml } from "./html";
import { ACTIONS_BY_KIND, RELEASING_ACTIONS, type ReviewAction } from "./review-decision";
import type { ReviewKind } from "./review-kind";
import type { FormProblem } from "./review-narrowing";
import type { ReviewRound, ReviewScope } from "./review-round-state";
import { oneLine } from "./messages/message-document";
import { renderPage } from "./render-page";
import { readableDateTime } from "./evidence/readable-time";

/** Everything the review page shows. */
export interface ReviewPageModel {
  summary: DemandSummary;
  kind: ReviewKind;
  round: string;
  reviewer: string;
  state: ReviewRound;
  scope: ReviewScope;
  /** The demand's targets by position: this page is for signed-in reviewers of the round, so it shows values. */
  targets: readonly Target[];
  /** True for an emergency request: approving needs the out-of-band verification (R10). */
  emergency: boolean;
  /** Where the form posts (the demand's review page) and its session's CSRF token. */
  formAction: string;
  csrf: string;
  evidence: ReviewEvidence;
  /** The customer's objections after notice (R5), which a reopened round weighs. */
  objections?: readonly { summary: string; recordedAt: string }[];
  /** Problems with a submitted form, shown above it; the form keeps what was entered. */
  problems?: FormProblem[];
  entered?: URLSearchParams;
}

/** What each action is called on the form. */
export const ACTION_LABELS: Readonly<Record<ReviewAction, string>> = {
  approve: "Approve as planned",
  narrow: "Approve narrowed: keep only what is ticked under “Narrowing”",
  reject: "Reject the demand",
  challenge: "Challenge the order (e.g. in court)",
  withhold_notice: "Approve, but withhold the customer notice for exceptional circumstances",
  accept_reason: "Accept the requester’s reason: the demand goes on to review",
  refuse_reason: "Refuse the reason: the requester must seek the data from the customer",
  notify: "Notify the customer now",
  withhold: "Withhold the notice: it would endanger someone",
  confirm_order: "Confirm the secrecy order: notice is delayed while it is in force",
  refuse_order: "Refuse the secrecy order: it does not restrain notice",
};

/** R3's closed list as the form offers it. */
const REASON_LABELS: Readonly<Record<RejectionReason, string>> = {
  facially_invalid: "Facially invalid",
  improperly_served: "Improperly served",
  wrong_provider: "Addressed to the wrong provider",
  data_type_not_supported: "Data type not supported by this process",
  exceeds_authority: "Exceeds the issuer's authority (e.g. must come as an MLAT request)",
  unsigned_or_unauthorised: "Unsigned or signed by someone without authority",
  wrong_dates: "Wrong or expired dates",
  not_properly_addressed: "Not properly addressed",
  material_mistakes: "Material mistakes",
  overly_broad: "Overly broad",
};

const KIND_TITLES: Readonly<Record<ReviewKind, string>> = {
  approval: "Approve a demand",
  redirect: "Decide on a “cannot redirect” reason",
  secrecy_expiry: "Secrecy order expiry: notify the customer?",
  secrecy_confirmation: "Confirm a secrecy order filed after intake",
};

/** The GET page: the demand, the plan and the decision form. Rendering it changes nothing. */
export function renderReviewPage(model: ReviewPageModel): string {
  const { summary } = model;
  // The heading and title are one line each: the requester's reference must not reorder them (bidi controls).
  const title = oneLine(`${KIND_TITLES[model.kind]}: ${summary.reference}`);
  const main = html`
<h1>${title}</h1>
<p>You are signed in as <strong id="reviewer">${model.reviewer}</strong>, deciding in round <strong>${model.round}</strong>.
Nothing is decided until you submit the form at the end of this page; you decide once per round.</p>
${renderProblems(model.problems)}
${renderDemandSection(summary)}
${renderPlanSection(summary, model.state)}
${renderEarlierDecisions(model.state)}
${renderEvidence(model.evidence, model.emergency)}
${renderObjections(model.objections)}
${model.state.requesterStatement === undefined ? null : html`<section aria-labelledby="statement"><h2 id="statement">The requester’s statement</h2><blockquote>${model.state.requesterStatement}</blockquote></section>`}
${renderForm(model)}`;
  return renderPage(title, main);
}

/** The demand's summary (its identifiers by value are in the evidence sections of the signed-in page). */
export function renderDemandSection(summary: DemandSummary): SafeHtml {
  return html`
<section aria-labelledby="demand">
<h2 id="demand">The demand</h2>
<dl>
<dt>Legal process</dt><dd>${summary.process}, reference ${summary.reference}, issued by ${summary.issuingAuthority} (as stated in the demand)</dd>
<dt>Requesting agency</dt><dd>${summary.agency} (${summary.country})</dd>
${summary.agencyAsNamed === null ? null : html`<dt>Agency as named in the demand</dt><dd class="flag">${summary.agencyAsNamed} (not the vetted requester above: check the document)</dd>`}
<dt>Categories asked</dt><dd>${summary.categoriesAsked.join(", ")}</dd>
<dt>Categories the order supports</dt><dd>${summary.categoriesAllowed.length === 0 ? "none yet evaluated" : summary.categoriesAllowed.join(", ")}</dd>
${summary.categoriesRefused.length === 0 ? null : html`<dt>Categories refused</dt><dd><ul>${summary.categoriesRefused.map((r) => html`<li>${r.category}: ${r.explanation}</li>`)}</ul></dd>`}
<dt>Date range</dt><dd>${summary.dateRange.from} to ${summary.dateRange.to}</dd>
<dt>Identifiers</dt><dd>${summary.identifierCount} (${summary.identifierKinds.join(", ")})</dd>
<dt>Secrecy orders</dt><dd>${summary.secrecy === null ? "none" : describeSecrecy(summary.secrecy)}</dd>
</dl>
${summary.emergency === null ? null : html`<h3>Emergency (${summary.emergency.kind})</h3><dl>
<dt>Signed by (as declared; check it against the document and on the call-back)</dt><dd>${summary.emergency.signingAuthority}</dd>
<dt>On official letterhead (as declared; check the document)</dt><dd>${summary.emergency.onOfficialLetterhead ? "yes" : "no"}</dd>
<dt>Summary of the emergency</dt><dd>${summary.emergency.summary}</dd>
<dt>How the data would help</dt><dd>${summary.emergency.howDataHelps}</dd>
</dl>`}
</section>`;
}

function renderPlanSection(summary: DemandSummary, state: ReviewRound): SafeHtml {
  const plan = summary.plan;
  if (plan === null) return html`<section aria-labelledby="plan"><h2 id="plan">The plan</h2><p>The policy has not planned this demand yet.</p></section>`;
  return html`
<section aria-labelledby="plan">
<h2 id="plan">The plan</h2>
<dl>
<dt>Redirect to the enterprise customer first</dt><dd>${plan.redirectLine}</dd>
<dt>Reviewers needed</dt><dd>${plan.reviewersRequired === 2 ? "two distinct reviewers (content)" : "one"}; decided so far in this round: ${state.decidedBy.length}</dd>
<dt>Customer notice</dt><dd>${plan.notice}</dd>
<dt>Emergency review deadline</dt><dd>${plan.emergencyDeadlineMinutes === null ? "not an emergency" : `${plan.emergencyDeadlineMinutes} minutes`}</dd>
${plan.preserveOnly ? html`<dt>Preservation only</dt><dd>the data is preserved, nothing is disclosed</dd>` : null}
</dl>
${plan.conflictOfLaws === null ? null : html`<div class="flag" role="note"><h3>Conflict of laws</h3><p>${plan.conflictOfLaws.explanation}</p><p>Data stored in: ${plan.conflictOfLaws.dataCountries.join(", ")}; requester in ${plan.conflictOfLaws.requesterCountry}.</p></div>`}
</section>`;
}

function renderObjections(objections: readonly { summary: string; recordedAt: string }[] | undefined): SafeHtml | null {
  if (objections === undefined || objections.length === 0) return null;
  return html`
<section aria-labelledby="objection">
<h2 id="objection">The customer’s objection</h2>
<p class="flag">The customer objected after notice; nothing has been disclosed. Weigh the objection before deciding.</p>
${objections.map((o) => html`<p>Recorded ${readableDateTime(o.recordedAt)}:</p><blockquote>${o.summary}</blockquote>`)}
</section>`;
}

/** What the round's earlier reviewers decided: a second reviewer approves with the first decision, and its narrowing, in view. */
function renderEarlierDecisions(state: ReviewRound): SafeHtml | null {
  const decisions = state.decisions ?? [];
  if (decisions.length === 0) return null;
  const label = (action: string) => (action in ACTION_LABELS ? ACTION_LABELS[action as ReviewAction] : action);
  return html`
<section aria-labelledby="earlier">
<h2 id="earlier">Decided so far in this round</h2>
<ul>${decisions.map((d) => html`<li><strong>${d.reviewer}</strong>, ${readableDateTime(d.at)}: ${label(d.action)}${d.comment === undefined ? null : html`<blockquote>${d.comment}</blockquote>`}</li>`)}</ul>
${decisions.some((d) => d.action === "narrow") ? html`<p class="flag">The scope on this page (the narrowing choices and “What would leave”) is the scope as narrowed: approving approves it.</p>` : null}
</section>`;
}

function renderProblems(problems: readonly FormProblem[] | undefined): SafeHtml | null {
  if (problems === undefined || problems.length === 0) return null;
  return html`<div class="problems" role="alert"><h2>Your decision was not recorded</h2><ul>${problems.map((p) => html`<li>${p.message}</li>`)}</ul></div>`;
}

function renderForm(model: ReviewPageModel): SafeHtml {
  const entered = model.entered ?? new URLSearchParams();
  const chosen = entered.get("action");
  return html`
<form method="post" action="${model.formAction}">
<h2>Your decision</h2>
<input type="hidden" name="confirm" value="yes">
<input type="hidden" name="csrf" value="${model.csrf}">
<input type="hidden" name="round" value="${model.round}">
<fieldset>
<legend>Decision</legend>
${ACTIONS_BY_KIND[model.kind].map(
  (action) => html`<label><input type="radio" name="action" value="${action}" required${chosen === action ? html` checked` : null}> ${ACTION_LABELS[action]}</label>`,
)}
</fieldset>
${model.kind === "approval" ? renderNarrowing(model, entered) : null}
${model.kind === "approval" ? renderReason(entered) : null}
${renderWithholdReason(model.kind, entered)}
${model.kind === "approval" && model.emergency ? renderVerification(entered) : null}
<p><label for="comment">Comment (required to reject, challenge, withhold, refuse an order, or decide on a requester’s reason). When you reject, challenge or refuse a requester’s reason, the requester receives this comment with the decision.</label>
<textarea id="comment" name="comment" maxlength="4000">${entered.get("comment") ?? ""}</textarea></p>
<p>${model.kind === "approval" ? html`<button type="submit" name="intent" value="preview" formnovalidate>Update “What would leave” with this narrowing (decides nothing)</button> ` : null}<button type="submit" name="intent" value="decide">Submit decision</button></p>
</form>`;
}

function renderNarrowing(model: ReviewPageModel, entered: URLSearchParams): SafeHtml {
  const { scope } = model;
  const refill = entered.get("action") === "narrow";
  const keptCategories = refill ? entered.getAll("categories") : scope.categories;
  const keptTargets = refill ? entered.getAll("targets") : scope.targets.map(String);
  return html`
<fieldset>
<legend>Narrowing (only if you choose “Approve narrowed”): untick what must not be disclosed</legend>
<fieldset><legend>Categories to keep</legend>
${scope.categories.map((c) => html`<label><input type="checkbox" name="categories" value="${c}"${keptCategories.includes(c) ? html` checked` : null}> ${categoryLabel(c)}</label>`)}
</fieldset>
<fieldset><legend>Identifiers to keep</legend>
${scope.targets.map((i) => {
  const target = model.targets[i];
  return target === undefined ? null : html`<label><input type="checkbox" name="targets" value="${i}"${keptTargets.includes(String(i)) ? html` checked` : null}> ${IDENTIFIER_LABELS[target.type]}: ${target.value}</label>`;
})}
</fieldset>
<fieldset><legend>Date range to keep</legend>
<label for="dateFrom">From</label><input type="date" id="dateFrom" name="dateFrom" value="${(refill ? entered.get("dateFrom") : null) ?? scope.dateRange.from}" min="${scope.dateRange.from}"${scope.dateRange.to === undefined ? null : html` max="${scope.dateRange.to}"`}>
<label for="dateTo">To</label><input type="date" id="dateTo" name="dateTo" value="${(refill ? entered.get("dateTo") : null) ?? scope.dateRange.to ?? ""}" min="${scope.dateRange.from}"${scope.dateRange.to === undefined ? null : html` max="${scope.dateRange.to}"`}>
</fieldset>
</fieldset>`;
}

function renderReason(entered: URLSearchParams): SafeHtml {
  const chosen = entered.get("reason");
  return html`
<p><label for="reason">Reason (required to reject or challenge; the requester is told it)</label>
<select id="reason" name="reason"><option value="">Choose a reason</option>${RejectionReason.options.map(
    (r) => html`<option value="${r}"${chosen === r ? html` selected` : null}>${REASON_LABELS[r]}</option>`,
  )}</select></p>`;
}

function renderVerification(entered: URLSearchParams): SafeHtml {
  return html`
<fieldset>
<legend>Emergency: out-of-band verification (required to approve)</legend>
<p>Forged emergency requests come from compromised police mailboxes. Before approving (${RELEASING_ACTIONS.join(", ").replace(/_/g, " ")}), call the agency back on its number on file (see “The requester” above), never a number from the request, and record here whom you spoke to, when, and what they confirmed.</p>
<label for="verification">How the request was verified</label>
<textarea id="verification" name="verification" maxlength="2000">${entered.get("verification") ?? ""}</textarea>
</fieldset>`;
}

function renderWithholdReason(kind: ReviewKind, entered: URLSearchParams): SafeHtml | null {
  const reason = entered.get("withholdReason");
  if (kind === "approval") {
    return html`
<fieldset>
<legend>Reason for withholding notice (only if you withhold it)</legend>
<label><input type="radio" name="withholdReason" value="danger"${reason === "danger" ? html` checked` : null}> Danger: notice could put someone at risk (e.g. child exploitation)</label>
<label><input type="radio" name="withholdReason" value="counterproductive"${reason === "counterproductive" ? html` checked` : null}> Counterproductive: e.g. the account was hijacked and notice would reach the attacker</label>
</fieldset>`;
  }
  if (kind === "secrecy_expiry") {
    return html`
<fieldset>
<legend>Reason for withholding (only if you withhold)</legend>
<label><input type="checkbox" name="withholdReason" value="danger"${reason === "danger" ? html` checked` : null}> I confirm that notice would endanger someone; my comment explains how</label>
</fieldset>`;
  }
  return null;
}
