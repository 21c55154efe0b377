/** The time zone review pages show deadlines in (the compliance team's; UTC unless configured otherwise). */
export const REVIEW_TIME_ZONE = "UTC";

// Building an Intl.DateTimeFormat costs far more than formatting with one (it was 2% of the host's CPU under the
// intake benchmark, one per reviewer mail line), so one is kept per time zone.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: "UTC" });

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone });
    dateTimeFormats.set(timeZone, format);
  }
  return format;
}

/** A date-time as a reviewer reads it, with its time zone: "Monday 23 November 2026, 14:00 UTC". */
export function readableDateTime(iso: string, timeZone = REVIEW_TIME_ZONE): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = dateTimeFormat(timeZone).format(date);
  return `${text} ${timeZone}`;
}

/** A calendar day (YYYY-MM-DD) as a reviewer reads it: "Monday 23 November 2026 (end of day, UTC)". */
export function readableDay(day: string, timeZone = REVIEW_TIME_ZONE): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return `${dayFormat.format(date)} (the whole day, ${timeZone})`;
}
