import { z } from "zod";

/** A reporting half-year: "2026-H1" (January–June) or "2026-H2" (July–December). */
export const ReportPeriod = z.string().regex(/^\d{4}-H[12]$/, "must look like 2026-H1 or 2026-H2");
export type ReportPeriod = z.infer<typeof ReportPeriod>;

/** National-security figures are published only this many months after their half-year ends (R11). */
export const NATIONAL_SECURITY_DELAY_MONTHS = 6;

/** The half-year a moment falls in (UTC). */
export function periodOf(isoDateTime: string): ReportPeriod {
  const date = new Date(isoDateTime);
  return `${date.getUTCFullYear()}-H${date.getUTCMonth() < 6 ? 1 : 2}`;
}

/** The first day of a half-year and the first day after it (ISO dates, UTC). */
export function periodBounds(period: ReportPeriod): { start: string; endExclusive: string } {
  const year = Number(period.slice(0, 4));
  return period.endsWith("H1")
    ? { start: `${year}-01-01`, endExclusive: `${year}-07-01` }
    : { start: `${year}-07-01`, endExclusive: `${year + 1}-01-01` };
}

/** True once the half-year has ended on `today` (an ISO date). */
export function isPeriodClosed(period: ReportPeriod, today: string): boolean {
  return today >= periodBounds(period).endExclusive;
}

/** The first day national-security figures of a half-year may be published: six months after it ends. */
export function nationalSecurityReleaseDate(period: ReportPeriod): string {
  const end = periodBounds(period).endExclusive;
  const released = new Date(`${end}T00:00:00.000Z`);
  released.setUTCMonth(released.getUTCMonth() + NATIONAL_SECURITY_DELAY_MONTHS);
  return released.toISOString().slice(0, 10);
}

/** The half-year after this one. */
export function nextPeriod(period: ReportPeriod): ReportPeriod {
  const year = Number(period.slice(0, 4));
  return period.endsWith("H1") ? `${year}-H2` : `${year + 1}-H1`;
}
