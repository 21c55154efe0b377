/** The time zone review pages show deadlines in (the compliance team's; UTC unless configured otherwise). */
export const REVIEW_TIME_ZONE = "UTC";

/** A date-time as a reviewer reads it, with its time zone: "Monday 23 November 2026, 14:00 UTC". */
export function readableDateTime(iso: string, timeZone = REVIEW_TIME_ZONE): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone }).format(date);
  return `${text} ${timeZone}`;
}

/** A calendar day (YYYY-MM-DD) as a reviewer reads it: "Monday 23 November 2026 (end of day, UTC)". */
export function readableDay(day: string, timeZone = REVIEW_TIME_ZONE): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return `${new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: "UTC" }).format(date)} (the whole day, ${timeZone})`;
}
