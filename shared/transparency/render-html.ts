import { createHash } from "node:crypto";
import { OUTCOME_COLUMNS, type Figure, type OutcomeColumn, type ReportRow, type TransparencyReport } from "./report-model";
import { escapeXml, renderBarChart, type Bar } from "./svg-bar-chart";

/** Plain-language names of the outcome columns. */
export const OUTCOME_LABELS: Record<OutcomeColumn, string> = {
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  noData: "No data found",
  redirected: "Redirected to the customer",
  disclosedNonContent: "Non-content only disclosed",
  disclosedContent: "Content disclosed",
  challenged: "Challenged",
};

const STYLE = [
  ":root{color-scheme:light;--ink:#1a202c;--muted:#4a5568;--accent:#2b6cb0;--line:#cbd5e0}",
  "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);background:#fff}",
  "main{max-width:1100px;margin:0 auto;padding:24px}",
  "h1{font-size:1.7rem;margin:0 0 4px}h2{font-size:1.25rem;margin:32px 0 8px}",
  ".lede{color:var(--muted);margin:0 0 16px}",
  ".summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin:0;padding:0}",
  ".summary div{border:1px solid var(--line);border-radius:8px;padding:12px}",
  ".summary dt{color:var(--muted);font-size:.85rem}.summary dd{margin:0;font-size:1.6rem;font-weight:600}",
  ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(460px,100%),1fr));gap:16px}",
  "figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px}figcaption{font-weight:600;margin-bottom:4px}",
  ".chart .label,.chart .value{font-size:13px;fill:var(--ink)}.chart .bar{fill:var(--accent)}",
  ".chart .range{fill:var(--accent);fill-opacity:.35;stroke:var(--accent);stroke-dasharray:3 2}",
  ".table-wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}",
  "caption{text-align:left;font-weight:600;padding:4px 0}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:right;white-space:nowrap}",
  "th[scope=row],thead th:first-child{text-align:left}thead th{background:#edf2f7;vertical-align:bottom}tbody tr:first-child{font-weight:600}",
  ".note{color:var(--muted);font-size:.9rem}",
].join("\n");

/** The Content-Security-Policy the report page is served and published with: nothing but its own inline style. */
export const REPORT_HTML_CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/**
 * The report as one self-contained, accessible HTML page: a headline summary, bar charts as inline SVG, the
 * per-country table and the national-security bands. No scripts, no external fonts, images or links.
 */
export function renderReportHtml(report: TransparencyReport): string {
  const t = report.totals;
  const half = report.period.endsWith("H1") ? "January–June" : "July–December";
  const heading = `Government and law-enforcement demands for customer data, ${half} ${report.period.slice(0, 4)}`;
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeXml(REPORT_HTML_CSP)}">`,
    `<title>Transparency report ${escapeXml(report.period)}</title>`,
    `<style>${STYLE}</style></head><body><main>`,
    `<h1>${escapeXml(heading)}</h1>`,
    `<p class="lede">Report ${escapeXml(report.period)} (${escapeXml(report.periodStart)} to the day before ${escapeXml(report.periodEndExclusive)}, by the time of receipt in UTC), generated ${escapeXml(report.generatedOn)}. Every demand received in the half-year is counted once, by the requester's country, once its outcome is final; ${escapeXml(String(report.pending.demands))} demand(s) of the half-year still await their outcome and are not in these figures.</p>`,
    summary(t),
    '<h2 id="charts">At a glance</h2><div class="charts">',
    chartFigure("countries", "Demands by requesting country", "Number of demands from each requesting country.", [...report.countries].sort((a, b) => low(b.demands) - low(a.demands)).map((r) => bar(r.country, r.demands))),
    chartFigure("outcomes", "Outcome of all demands", "How many demands ended in each outcome.", OUTCOME_COLUMNS.map((c) => bar(OUTCOME_LABELS[c], t.outcomes[c]))),
    chartFigure("enterprise", "Outcome of demands for enterprise customers' data", "How many enterprise-customer demands ended in each outcome.", OUTCOME_COLUMNS.map((c) => bar(OUTCOME_LABELS[c], t.enterprise.outcomes[c]))),
    "</div>",
    countryTable(report),
    nationalSecurity(report),
    `<h2 id="method">How to read this report</h2><p class="note">${escapeXml(report.suppression.rule)}</p>`,
    '<p class="note">Percentages are of the row\'s demands. Enterprise customers are organisations with more than 50 seats on a commercial service. Content stored outside the requester\'s country counts demands where content was disclosed from accounts whose data is stored in another country. National-security process is not included in any other figure.</p>',
    "</main></body></html>",
    "",
  ].join("\n");
}

function summary(t: ReportRow): string {
  const items: [string, string][] = [
    ["Demands", show(t.demands)],
    ["Accounts specified", show(t.accountsSpecified)],
    ["Content disclosed", pct(t.percent.disclosedContent)],
    ["Non-content only", pct(t.percent.disclosedNonContent)],
    ["No data found", pct(t.percent.noData)],
    ["Rejected", pct(t.percent.rejected)],
    ["With a secrecy order", `${show(t.secrecyOrders)} (${pct(t.secrecyOrdersPercent)})`],
    ["Emergency requests", show(t.emergencyRequests)],
    ["Enterprise-customer demands", show(t.enterprise.demands)],
    ["Content stored outside the requester's country", show(t.contentStoredOutsideRequesterCountry)],
  ];
  return `<h2 id="summary">Summary</h2><dl class="summary">${items.map(([k, v]) => `<div><dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd></div>`).join("")}</dl>`;
}

function countryTable(report: TransparencyReport): string {
  const headers = [
    "Country",
    "Demands",
    "Accounts specified",
    ...OUTCOME_COLUMNS.map((c) => `${OUTCOME_LABELS[c]} (%)`),
    "Enterprise demands",
    "Enterprise: content disclosed",
    "Enterprise: non-content only",
    "Secrecy orders",
    "Emergency requests",
    "Content stored outside requester's country",
  ];
  const row = (r: ReportRow) =>
    `<tr><th scope="row">${escapeXml(r.country === "ALL" ? "All countries" : r.country)}</th>` +
    [
      show(r.demands),
      show(r.accountsSpecified),
      ...OUTCOME_COLUMNS.map((c) => `${show(r.outcomes[c])} (${pct(r.percent[c])})`),
      show(r.enterprise.demands),
      show(r.enterprise.outcomes.disclosedContent),
      show(r.enterprise.outcomes.disclosedNonContent),
      `${show(r.secrecyOrders)} (${pct(r.secrecyOrdersPercent)})`,
      show(r.emergencyRequests),
      show(r.contentStoredOutsideRequesterCountry),
    ]
      .map((v) => `<td>${escapeXml(v)}</td>`)
      .join("") +
    "</tr>";
  return (
    '<h2 id="by-country">By requesting country</h2><div class="table-wrap"><table>' +
    `<caption>Demands received in ${escapeXml(report.period)} by requesting country, with outcomes (count and percent of the country's demands)</caption>` +
    `<thead><tr>${headers.map((h) => `<th scope="col">${escapeXml(h)}</th>`).join("")}</tr></thead>` +
    `<tbody>${[report.totals, ...report.countries].map(row).join("")}</tbody></table></div>`
  );
}

function nationalSecurity(report: TransparencyReport): string {
  const ns = report.nationalSecurity;
  const head = '<h2 id="national-security">National-security process</h2>';
  if (!ns.released) return `${head}<p>Figures for this half-year are published from ${escapeXml(ns.releaseDate)}, six months after it ends, and only in bands of 500.</p>`;
  return (
    `${head}<table><caption>National-security demands by requesting country, in bands of ${ns.bandSize}</caption>` +
    `<thead><tr><th scope="col">Country</th><th scope="col">Demands (band)</th></tr></thead><tbody>` +
    ns.bands.map((b) => `<tr><th scope="row">${escapeXml(b.country)}</th><td>${escapeXml(b.band)}</td></tr>`).join("") +
    "</tbody></table>"
  );
}

function chartFigure(id: string, title: string, description: string, bars: Bar[]): string {
  return `<figure aria-labelledby="${id}-caption"><figcaption id="${id}-caption">${escapeXml(title)}</figcaption>${renderBarChart({ id, title, description, bars })}</figure>`;
}

function bar(label: string, figure: Figure): Bar {
  return { label, value: low(figure), shown: show(figure), exact: typeof figure === "number" };
}

function low(figure: Figure): number {
  return typeof figure === "number" ? figure : Number(figure.split("–")[0]);
}

function show(figure: Figure): string {
  return typeof figure === "number" ? figure.toLocaleString("en-US") : figure;
}

function pct(value: number | null): string {
  return value === null ? "–" : `${value}%`;
}
