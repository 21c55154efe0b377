import { beforeAll, describe, expect, it } from "vitest";
import { buildTransparencyReport, nationalSecurityBand, PeriodNotClosedError } from "../../../shared/transparency/build-report";
import { countClosedDemand } from "../../../shared/transparency/count-closed-demand";
import { aggregateCells, type CounterCell } from "../../../shared/transparency/counter-cell";
import { InMemoryTransparencyStore } from "../../../shared/transparency/in-memory-transparency-store";
import { renderReportCsv } from "../../../shared/transparency/render-csv";
import { renderReportHtml, REPORT_HTML_CSP } from "../../../shared/transparency/render-html";
import type { ReportRow, TransparencyReport } from "../../../shared/transparency/report-model";
import { seededFacts } from "./report-seed";

let cells: CounterCell[];
let report: TransparencyReport;

beforeAll(async () => {
  const store = new InMemoryTransparencyStore();
  for (const facts of seededFacts()) await countClosedDemand(store, facts);
  cells = await store.listCells("2026-H1");
  report = buildTransparencyReport(cells, "2026-H1", "2027-01-15");
});

const none = { rejected: 0, withdrawn: 0, noData: 0, redirected: 0, disclosedNonContent: 0, disclosedContent: 0, challenged: 0 };
const noPercents = { rejected: null, withdrawn: null, noData: null, redirected: null, disclosedNonContent: null, disclosedContent: null, challenged: null };

// Hand-computed. Primary: 1–9 become "1–9". Complementary, column by column: demands (FR masked → DE 30 banded),
// accounts (FR 8 → DE 30), rejected (FR 3 → DE 10), content (FR 1 → DE 10), secrecy (FR 1 → US 20), content
// outside (US 4 → DE 10); then rows: US outcomes (challenged 2 → withdrawn 10, first of the two smallest),
// which leaves US withdrawn alone in its column → ALL withdrawn 10 banded, which the ALL row then accepts. Ranges
// that add up one way only: secrecy US 20–29 + FR 1–9 = ALL 21 pins both (US 20, FR 1) → ALL 21 banded; content
// DE 10–19 + FR 1–9 = 26 − US 15 = 11 pins both (DE 10, FR 1) → US 15 banded.
const ALL: ReportRow = {
  country: "ALL",
  demands: 114,
  accountsSpecified: 130,
  outcomes: { rejected: 25, withdrawn: "10–19", noData: 11, redirected: 10, disclosedNonContent: 30, disclosedContent: 26, challenged: "1–9" },
  percent: { rejected: 21.9, withdrawn: null, noData: 9.6, redirected: 8.8, disclosedNonContent: 26.3, disclosedContent: 22.8, challenged: null },
  enterprise: { demands: 26, outcomes: { ...none, rejected: "1–9", redirected: 10, disclosedNonContent: 10, disclosedContent: "1–9" } },
  secrecyOrders: "20–29",
  secrecyOrdersPercent: null,
  emergencyRequests: "1–9",
  contentStoredOutsideRequesterCountry: 14,
};
const US: ReportRow = {
  country: "US",
  demands: 80,
  accountsSpecified: 92,
  outcomes: { rejected: 12, withdrawn: "10–19", noData: 11, redirected: 10, disclosedNonContent: 20, disclosedContent: "10–19", challenged: "1–9" },
  percent: { rejected: 15, withdrawn: null, noData: 13.8, redirected: 12.5, disclosedNonContent: 25, disclosedContent: null, challenged: null },
  enterprise: { demands: 16, outcomes: { ...none, rejected: "1–9", redirected: 10, disclosedContent: "1–9" } },
  secrecyOrders: "20–29",
  secrecyOrdersPercent: null,
  emergencyRequests: "1–9",
  contentStoredOutsideRequesterCountry: "1–9",
};
const DE: ReportRow = {
  country: "DE",
  demands: "30–39",
  accountsSpecified: "30–39",
  outcomes: { ...none, rejected: "10–19", disclosedNonContent: 10, disclosedContent: "10–19" },
  percent: noPercents,
  enterprise: { demands: 10, outcomes: { ...none, disclosedNonContent: 10 } },
  secrecyOrders: 0,
  secrecyOrdersPercent: null,
  emergencyRequests: 0,
  contentStoredOutsideRequesterCountry: "10–19",
};
const FR: ReportRow = {
  country: "FR",
  demands: "1–9",
  accountsSpecified: "1–9",
  outcomes: { ...none, rejected: "1–9", disclosedContent: "1–9" },
  percent: noPercents,
  enterprise: { demands: 0, outcomes: none },
  secrecyOrders: "1–9",
  secrecyOrdersPercent: null,
  emergencyRequests: 0,
  contentStoredOutsideRequesterCountry: 0,
};

describe("the transparency report (JSON)", () => {
  it("matches the hand-computed totals row in every column", () => {
    expect(report.totals).toEqual(ALL);
  });

  it("matches the hand-computed country rows in every column, sorted by country", () => {
    expect(report.countries).toEqual([DE, FR, US]);
  });

  it("describes the period and the suppression rule", () => {
    expect(report).toMatchObject({ format: "lrw-transparency-report-v1", period: "2026-H1", periodStart: "2026-01-01", periodEndExclusive: "2026-07-01", generatedOn: "2027-01-15", suppression: { threshold: 10 } });
  });

  it("reports national security only in bands of 500, for every listed country, six months after the period", () => {
    expect(report.nationalSecurity).toEqual({
      released: true,
      bandSize: 500,
      bands: [
        { country: "DE", band: "0–499" },
        { country: "FR", band: "0–499" },
        { country: "US", band: "500–999" },
      ],
    });
    expect(buildTransparencyReport(cells, "2026-H1", "2026-12-31").nationalSecurity).toEqual({ released: false, releaseDate: "2027-01-01" });
    expect([0, 499, 500, 999, 1000, 1234].map(nationalSecurityBand)).toEqual(["0–499", "0–499", "500–999", "500–999", "1000–1499", "1000–1499"]);
  });

  it("refuses a half-year that has not ended", () => {
    expect(() => buildTransparencyReport(cells, "2026-H1", "2026-06-30")).toThrow(PeriodNotClosedError);
    expect(buildTransparencyReport(cells, "2026-H1", "2026-07-01").totals.demands).toBe(114);
  });

  it("is the same built from the counters or from a rescan of the facts", () => {
    expect(buildTransparencyReport(aggregateCells(seededFacts().filter((f) => f.period === "2026-H1")), "2026-H1", "2027-01-15")).toEqual(report);
  });

  it("of an empty half-year has zero totals and no countries", () => {
    const empty = buildTransparencyReport([], "2025-H2", "2027-01-15");
    expect(empty.countries).toEqual([]);
    expect(empty.totals).toMatchObject({ demands: 0, accountsSpecified: 0, percent: noPercents });
  });
});

describe("the transparency report (CSV)", () => {
  it("has the hand-computed figures in every column of every row", () => {
    expect(renderReportCsv(report).split("\r\n")).toEqual([
      "period,country,demands,accounts_specified,rejected,withdrawn,no_data,redirected,disclosed_non_content_only,disclosed_content,challenged," +
        "pct_rejected,pct_withdrawn,pct_no_data,pct_redirected,pct_disclosed_non_content_only,pct_disclosed_content,pct_challenged," +
        "enterprise_demands,enterprise_rejected,enterprise_withdrawn,enterprise_no_data,enterprise_redirected,enterprise_disclosed_non_content_only,enterprise_disclosed_content,enterprise_challenged," +
        "secrecy_orders,pct_secrecy_orders,emergency_requests,content_stored_outside_requester_country,national_security_band",
      "2026-H1,ALL,114,130,25,10–19,11,10,30,26,1–9,21.9,,9.6,8.8,26.3,22.8,,26,1–9,0,0,10,10,1–9,0,20–29,,1–9,14,",
      "2026-H1,DE,30–39,30–39,10–19,0,0,0,10,10–19,0,,,,,,,,10,0,0,0,0,10,0,0,0,,0,10–19,0–499",
      "2026-H1,FR,1–9,1–9,1–9,0,0,0,0,1–9,0,,,,,,,,0,0,0,0,0,0,0,0,1–9,,0,0,0–499",
      "2026-H1,US,80,92,12,10–19,11,10,20,10–19,1–9,15,,13.8,12.5,25,,,16,1–9,0,0,10,0,1–9,0,20–29,,1–9,1–9,500–999",
      "",
    ]);
  });

  it("says when national-security bands are withheld", () => {
    const early = renderReportCsv(buildTransparencyReport(cells, "2026-H1", "2026-12-31"));
    expect(early.split("\r\n")[1]?.endsWith(",withheld until 2027-01-01")).toBe(true);
  });
});

describe("the transparency report (HTML)", () => {
  it("is self-contained: inline SVG charts, no script, no external URL, a strict CSP", () => {
    const html = renderReportHtml(report);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:|\/\/[a-z]/i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(REPORT_HTML_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html).toContain(`content="${REPORT_HTML_CSP.replaceAll("'", "&#39;")}"`);
  });

  it("is accessible: captions, header scopes, labelled SVG", () => {
    const html = renderReportHtml(report);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<caption>");
    expect(html).toContain('<th scope="col">Demands</th>');
    expect(html).toContain('<th scope="row">US</th>');
    expect(html.match(/<svg role="img" aria-labelledby="[a-z]+-title [a-z]+-desc"/g)).toHaveLength(3);
    expect(html).toContain("<title id=\"outcomes-title\">");
  });

  it("R11: says the half-year is bounded in UTC, so a demand received on 30 June 23:30 in New York (1 July in UTC) is looked for in H2", () => {
    const html = renderReportHtml(report);
    expect(html).toContain("(2026-01-01 to the day before 2026-07-01, by the time of receipt in UTC)");
  });

  it("shows the headline figures and the ranges as published", () => {
    const html = renderReportHtml(report);
    expect(html).toContain("<dt>Demands</dt><dd>114</dd>");
    expect(html).toContain("<dt>Content disclosed</dt><dd>22.8%</dd>");
    expect(html).toContain("<td>10–19 (–)</td>");
    expect(html).toContain("<td>500–999</td>");
  });
});
