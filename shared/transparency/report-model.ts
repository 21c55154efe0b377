/** A published count: exact, or a range when exact would risk identifying a customer ("1–9", "10–19", …). */
export type Figure = number | string;

/** The outcome columns, in report order; together they add up to a row's demands. */
export const OUTCOME_COLUMNS = ["rejected", "withdrawn", "noData", "redirected", "disclosedNonContent", "disclosedContent", "challenged"] as const;
export type OutcomeColumn = (typeof OUTCOME_COLUMNS)[number];

/** Counts per outcome. */
export type OutcomeFigures = Record<OutcomeColumn, Figure>;

/** Percent of a row's demands per outcome, one decimal; null when a figure involved is a range. */
export type OutcomePercents = Record<OutcomeColumn, number | null>;

/** One line of the report: a requesting country, or "ALL" for the totals. */
export interface ReportRow {
  country: string;
  demands: Figure;
  accountsSpecified: Figure;
  outcomes: OutcomeFigures;
  percent: OutcomePercents;
  enterprise: { demands: Figure; outcomes: OutcomeFigures };
  secrecyOrders: Figure;
  secrecyOrdersPercent: number | null;
  emergencyRequests: Figure;
  contentStoredOutsideRequesterCountry: Figure;
}

/** National-security process, reported per requesting country only in bands of 500 and only after the delay. */
export type NationalSecuritySection =
  | { released: true; bandSize: number; bands: { country: string; band: string }[] }
  | { released: false; releaseDate: string };

/** The half-year transparency report (R11). */
export interface TransparencyReport {
  format: "lrw-transparency-report-v1";
  period: string;
  periodStart: string;
  periodEndExclusive: string;
  generatedOn: string;
  suppression: { threshold: number; rule: string };
  totals: ReportRow;
  countries: ReportRow[];
  /** R11: demands received in the half-year whose outcome is not final yet (not in any figure above; counted once final). */
  pending: { demands: Figure };
  nationalSecurity: NationalSecuritySection;
}
