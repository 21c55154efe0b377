import type { IsoDate } from "../primitives";

const MS_PER_DAY = 86_400_000;
const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

function parseIsoDate(date: IsoDate): number {
  const ms = ISO_DATE_SHAPE.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError("expected a calendar date in YYYY-MM-DD form");
  return ms;
}

/** The UTC calendar date (YYYY-MM-DD) of an ISO 8601 datetime. */
export function utcDateOf(isoDateTime: string): IsoDate {
  const ms = Date.parse(isoDateTime);
  if (Number.isNaN(ms)) throw new RangeError("expected an ISO 8601 datetime");
  return new Date(ms).toISOString().slice(0, 10);
}

// The furthest time zone ahead of UTC (Kiribati, UTC+14).
const LATEST_OFFSET_MS = 14 * 3_600_000;

/**
 * The latest calendar date anywhere on Earth at this instant (the date at UTC+14). A document dated up to this day may
 * have been dated "today" where it was made; only a later date is in the future everywhere.
 */
export function latestDateOf(isoDateTime: string): IsoDate {
  const ms = Date.parse(isoDateTime);
  if (Number.isNaN(ms)) throw new RangeError("expected an ISO 8601 datetime");
  return new Date(ms + LATEST_OFFSET_MS).toISOString().slice(0, 10);
}

// The furthest time zone behind UTC (Baker Island, UTC−12).
const EARLIEST_OFFSET_MS = -12 * 3_600_000;

/**
 * The earliest calendar date anywhere on Earth at this instant (the date at UTC−12). A document's last day before this
 * one has ended everywhere; until then it may still be its last day where it was made (lifecycle/timing.ts's mirror).
 */
export function earliestDateOf(isoDateTime: string): IsoDate {
  const ms = Date.parse(isoDateTime);
  if (Number.isNaN(ms)) throw new RangeError("expected an ISO 8601 datetime");
  return new Date(ms + EARLIEST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((parseIsoDate(to) - parseIsoDate(from)) / MS_PER_DAY);
}

/** How many calendar days an inclusive range covers (a single day is 1). */
export function inclusiveRangeDays(from: IsoDate, to: IsoDate): number {
  return daysBetween(from, to) + 1;
}

/** True when date `a` falls strictly before date `b`. */
export function isDateBefore(a: IsoDate, b: IsoDate): boolean {
  return parseIsoDate(a) < parseIsoDate(b);
}
