import { OUTCOME_COLUMNS, type ReportRow, type TransparencyReport } from "./report-model";

const SNAKE: Record<(typeof OUTCOME_COLUMNS)[number], string> = {
  rejected: "rejected",
  withdrawn: "withdrawn",
  noData: "no_data",
  redirected: "redirected",
  disclosedNonContent: "disclosed_non_content_only",
  disclosedContent: "disclosed_content",
  challenged: "challenged",
};

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  "period",
  "country",
  "demands",
  "accounts_specified",
  ...OUTCOME_COLUMNS.map((c) => SNAKE[c]),
  ...OUTCOME_COLUMNS.map((c) => `pct_${SNAKE[c]}`),
  "enterprise_demands",
  ...OUTCOME_COLUMNS.map((c) => `enterprise_${SNAKE[c]}`),
  "secrecy_orders",
  "pct_secrecy_orders",
  "emergency_requests",
  "content_stored_outside_requester_country",
  "national_security_band",
];

/**
 * The report as RFC 4180 CSV (CRLF line ends, UTF-8): the totals row (country ALL) first, then one row per
 * country. Ranges appear as published ("1–9"); a withheld percentage is empty; national_security_band is
 * "withheld until <date>" before the delay has passed.
 */
export function renderReportCsv(report: TransparencyReport): string {
  const bands = new Map(report.nationalSecurity.released ? report.nationalSecurity.bands.map((b) => [b.country, b.band]) : []);
  const bandOf = (country: string): string => {
    if (!report.nationalSecurity.released) return `withheld until ${report.nationalSecurity.releaseDate}`;
    if (country === "ALL") return "";
    return bands.get(country) ?? "";
  };
  const line = (row: ReportRow) =>
    [
      report.period,
      row.country,
      row.demands,
      row.accountsSpecified,
      ...OUTCOME_COLUMNS.map((c) => row.outcomes[c]),
      ...OUTCOME_COLUMNS.map((c) => row.percent[c]),
      row.enterprise.demands,
      ...OUTCOME_COLUMNS.map((c) => row.enterprise.outcomes[c]),
      row.secrecyOrders,
      row.secrecyOrdersPercent,
      row.emergencyRequests,
      row.contentStoredOutsideRequesterCountry,
      bandOf(row.country),
    ]
      .map(csvField)
      .join(",");
  return [CSV_COLUMNS.join(","), line(report.totals), ...report.countries.map(line)].join("\r\n") + "\r\n";
}

function csvField(value: number | string | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
