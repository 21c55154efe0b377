import type { Outcome } from "../domain/enums";
import type { CounterCell } from "./counter-cell";
import { isPeriodClosed, nationalSecurityReleaseDate, periodBounds, type ReportPeriod } from "./period";
import { protectCounts, publishCount, SUPPRESSION_RULE, SUPPRESSION_THRESHOLD } from "./protect-figures";
import { OUTCOME_COLUMNS, type NationalSecuritySection, type OutcomeColumn, type ReportRow, type TransparencyReport } from "./report-model";

/** National-security counts are published in bands this wide. */
export const NATIONAL_SECURITY_BAND = 500;

const OUTCOME_COLUMN: Record<Outcome, OutcomeColumn> = {
  rejected: "rejected",
  withdrawn: "withdrawn",
  no_data: "noData",
  redirected: "redirected",
  disclosed_non_content: "disclosedNonContent",
  disclosed_content: "disclosedContent",
  challenged: "challenged",
};

// Column layout of the count table: demands, accounts, 7 outcomes, enterprise demands, 7 enterprise outcomes, secrecy,
// emergency, content outside; then consumer demands and 7 consumer outcomes, never published but readable as
// "all minus enterprise", so protected like the others.
const DEMANDS = 0;
const ACCOUNTS = 1;
const OUTCOME_BASE = 2;
const ENTERPRISE = 9;
const ENTERPRISE_OUTCOME_BASE = 10;
const SECRECY = 17;
const EMERGENCY = 18;
const CONTENT_OUTSIDE = 19;
const CONSUMER = 20;
const CONSUMER_OUTCOME_BASE = 21;
const COLUMN_COUNT = 28;
const PARTITIONS = [
  { parent: DEMANDS, children: OUTCOME_COLUMNS.map((_, i) => OUTCOME_BASE + i) },
  { parent: ENTERPRISE, children: OUTCOME_COLUMNS.map((_, i) => ENTERPRISE_OUTCOME_BASE + i) },
  { parent: CONSUMER, children: OUTCOME_COLUMNS.map((_, i) => CONSUMER_OUTCOME_BASE + i) },
  { parent: DEMANDS, children: [ENTERPRISE, CONSUMER] },
  ...OUTCOME_COLUMNS.map((_, i) => ({ parent: OUTCOME_BASE + i, children: [ENTERPRISE_OUTCOME_BASE + i, CONSUMER_OUTCOME_BASE + i] })),
];

/** Raised when a report is asked for a half-year that has not ended. */
export class PeriodNotClosedError extends Error {
  constructor(readonly period: string) {
    super(`the period ${period} has not ended yet`);
    this.name = "PeriodNotClosedError";
  }
}

/** The band a national-security count is published as: "0–499", "500–999", … */
export function nationalSecurityBand(count: number): string {
  const low = Math.floor(count / NATIONAL_SECURITY_BAND) * NATIONAL_SECURITY_BAND;
  return `${low}–${low + NATIONAL_SECURITY_BAND - 1}`;
}

/**
 * Builds a half-year's report from its counter cells, in time proportional to the number of cells.
 * National-security cells are left out of every other figure and appear only as bands, and only when
 * `today` (ISO date) is at least six months after the half-year ended. `pending` is how many demands of the half-year
 * (national security aside) still await their outcome. Throws PeriodNotClosedError for an
 * open half-year: figures that still move are not published.
 */
export function buildTransparencyReport(cells: readonly CounterCell[], period: ReportPeriod, today: string, pending = 0): TransparencyReport {
  if (!isPeriodClosed(period, today)) throw new PeriodNotClosedError(period);
  const byCountry = new Map<string, number[]>();
  const nationalSecurity = new Map<string, number>();
  // Until national-security figures may be published, a national-security cell must not even open a country's row:
  // a row of zeros would say that the country made national-security demands in the half-year (R11).
  const released = today >= nationalSecurityReleaseDate(period);
  for (const cell of cells) {
    if (cell.period !== period) continue;
    if (!byCountry.has(cell.country) && (released || !cell.nationalSecurity)) byCountry.set(cell.country, new Array<number>(COLUMN_COUNT).fill(0));
    if (cell.nationalSecurity) {
      nationalSecurity.set(cell.country, (nationalSecurity.get(cell.country) ?? 0) + cell.demands);
      continue;
    }
    addCell(byCountry.get(cell.country) as number[], cell);
  }
  const countries = [...byCountry.keys()].sort();
  const values = countries.map((c) => byCountry.get(c) as number[]);
  values.push(Array.from({ length: COLUMN_COUNT }, (_, col) => values.reduce((sum, row) => sum + (row[col] as number), 0)));
  const mask = protectCounts({ values, partitions: PARTITIONS });
  const rows = values.map((row, r) => toRow(r < countries.length ? (countries[r] as string) : "ALL", row, mask[r] as boolean[]));
  const bounds = periodBounds(period);
  return {
    format: "lrw-transparency-report-v1",
    period,
    periodStart: bounds.start,
    periodEndExclusive: bounds.endExclusive,
    generatedOn: today,
    suppression: { threshold: SUPPRESSION_THRESHOLD, rule: SUPPRESSION_RULE },
    totals: rows[rows.length - 1] as ReportRow,
    countries: rows.slice(0, -1),
    pending: { demands: publishCount(pending, pending > 0 && pending < SUPPRESSION_THRESHOLD) },
    nationalSecurity: nationalSecuritySection(period, today, countries, nationalSecurity),
  };
}

function addCell(row: number[], cell: CounterCell): void {
  const outcome = OUTCOME_COLUMNS.indexOf(OUTCOME_COLUMN[cell.outcome]);
  const add = (column: number, amount: number) => {
    row[column] = (row[column] as number) + amount;
  };
  add(DEMANDS, cell.demands);
  add(ACCOUNTS, cell.accounts);
  add(OUTCOME_BASE + outcome, cell.demands);
  if (cell.enterprise) {
    add(ENTERPRISE, cell.demands);
    add(ENTERPRISE_OUTCOME_BASE + outcome, cell.demands);
  } else {
    add(CONSUMER, cell.demands);
    add(CONSUMER_OUTCOME_BASE + outcome, cell.demands);
  }
  if (cell.secrecyOrder) add(SECRECY, cell.demands);
  if (cell.emergency) add(EMERGENCY, cell.demands);
  if (cell.contentOutsideRequesterCountry) add(CONTENT_OUTSIDE, cell.demands);
}

function toRow(country: string, row: number[], masked: boolean[]): ReportRow {
  const figure = (column: number) => publishCount(row[column] as number, masked[column] as boolean);
  const percentOf = (column: number) => percent(row[column] as number, masked[column] as boolean, row[DEMANDS] as number, masked[DEMANDS] as boolean);
  const outcomes = (base: number) => Object.fromEntries(OUTCOME_COLUMNS.map((name, i) => [name, figure(base + i)])) as ReportRow["outcomes"];
  return {
    country,
    demands: figure(DEMANDS),
    accountsSpecified: figure(ACCOUNTS),
    outcomes: outcomes(OUTCOME_BASE),
    percent: Object.fromEntries(OUTCOME_COLUMNS.map((name, i) => [name, percentOf(OUTCOME_BASE + i)])) as ReportRow["percent"],
    enterprise: { demands: figure(ENTERPRISE), outcomes: outcomes(ENTERPRISE_OUTCOME_BASE) },
    secrecyOrders: figure(SECRECY),
    secrecyOrdersPercent: percentOf(SECRECY),
    emergencyRequests: figure(EMERGENCY),
    contentStoredOutsideRequesterCountry: figure(CONTENT_OUTSIDE),
  };
}

function percent(part: number, partMasked: boolean, whole: number, wholeMasked: boolean): number | null {
  if (partMasked || wholeMasked || whole === 0) return null;
  return Math.round((1000 * part) / whole) / 10;
}

function nationalSecuritySection(period: ReportPeriod, today: string, countries: string[], counts: Map<string, number>): NationalSecuritySection {
  const releaseDate = nationalSecurityReleaseDate(period);
  if (today < releaseDate) return { released: false, releaseDate };
  return { released: true, bandSize: NATIONAL_SECURITY_BAND, bands: countries.map((country) => ({ country, band: nationalSecurityBand(counts.get(country) ?? 0) })) };
}
