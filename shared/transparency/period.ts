import { z } from "zod";

/** The earliest and latest years a report can be asked for (9998: its national-security release still has a four-digit year). */
export const FIRST_REPORT_YEAR = 2000;
export const LAST_REPORT_YEAR = 9998;

/** A reporting half-year: "2026-H1" (January–June) or "2026-H2" (July–December), between 2000 and 9998. */
export const ReportPeriod = z
  .string()
  .regex(/^\d{4}-H[12]$/, "must look like 2026-H1 or 2026-H2")
  .refine((period) => {
    const year = Number(period.slice(0, 4));
    return year >= FIRST_REPORT_YEAR && year <= LAST_REPORT_YEAR;
  }, `the year must be between ${FIRST_REPORT_YEAR} and ${LAST_REPORT_YEAR}`);
export type ReportPeriod = z.infer<typeof ReportPeriod>;

/** National-security figures are published only this many months after their half-year ends (R11). */
export const NATIONAL_SECURITY_DELAY_MONTHS = 6;

/** The half-year a moment falls in (UTC). */
export function periodOf(isoDateTime: string): ReportPeriod {
  const date = new Date(isoDateTime);
  return `${date.getUTCFullYear()}-H${date.getUTCMonth() < 6 ? 1 : 2}`;
}

/** A period's year and half as numbers. */
function partsOf(period: ReportPeriod): { year: number; half: 1 | 2 } {
  return { year: Number(period.slice(0, 4)), half: period.endsWith("H1") ? 1 : 2 };
}

/** A UTC date as "YYYY-MM-DD" with a zero-padded four-digit year (Date#toISOString would widen or sign it). */
function isoDate(year: number, month: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
}

/** The first day of a half-year and the first day after it (ISO dates, UTC). */
export function periodBounds(period: ReportPeriod): { start: string; endExclusive: string } {
  const { year, half } = partsOf(period);
  return half === 1 ? { start: isoDate(year, 1), endExclusive: isoDate(year, 7) } : { start: isoDate(year, 7), endExclusive: isoDate(year + 1, 1) };
}

/** Days as comparable numbers, so years of any width compare by value rather than as text. */
function dayNumber(isoDay: string): number {
  const [year, month, day] = isoDay.split("-").map(Number);
  return Date.UTC(year ?? Number.NaN, (month ?? Number.NaN) - 1, day ?? Number.NaN);
}

/** True once the half-year has ended on `today` (an ISO date). */
export function isPeriodClosed(period: ReportPeriod, today: string): boolean {
  return dayNumber(today) >= dayNumber(periodBounds(period).endExclusive);
}

/** The first day national-security figures of a half-year may be published: six months after it ends. */
export function nationalSecurityReleaseDate(period: ReportPeriod): string {
  const { year, half } = partsOf(period);
  const monthsAfterYearStart = (half === 1 ? 6 : 12) + NATIONAL_SECURITY_DELAY_MONTHS;
  return isoDate(year + Math.floor(monthsAfterYearStart / 12), (monthsAfterYearStart % 12) + 1);
}

/** The half-year after this one. */
export function nextPeriod(period: ReportPeriod): ReportPeriod {
  const { year, half } = partsOf(period);
  return half === 1 ? `${year}-H2` : `${year + 1}-H1`;
}
