// Hand-written: cron libraries for Node follow Vixie cron, which ORs a restricted day-of-month with a restricted
// day-of-week, where Azure's NCrontab requires both (see dayMatches); the host must fire when Azure would.

/** A parsed six-field NCRONTAB schedule (second minute hour day month day-of-week). */
export interface CronSchedule {
  seconds: Set<number>;
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
}

const monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

function parseValue(text: string, names: string[] | undefined, offset: number): number {
  const index = names ? names.indexOf(text.toUpperCase()) : -1;
  if (index >= 0) return index + offset;
  if (!/^\d+$/.test(text)) throw new RangeError(`Invalid NCRONTAB value: ${text}`);
  return Number(text);
}

function parseField(field: string, min: number, max: number, names?: string[], nameOffset = 0): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const [rangeText = "*", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new RangeError(`Invalid NCRONTAB step: ${part}`);
    let low = min;
    let high = max;
    if (rangeText !== "*") {
      const [a = "", b] = rangeText.split("-");
      low = parseValue(a, names, nameOffset);
      high = b === undefined ? (stepText === undefined ? low : max) : parseValue(b, names, nameOffset);
    }
    // NCrontab reads a range written backwards in order (10-1 is 1-10).
    if (low > high) [low, high] = [high, low];
    if (low < min || high > max) throw new RangeError(`NCRONTAB value out of range: ${part}`);
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}

/** Parses a six-field NCRONTAB expression with `*`, lists, ranges, steps and month/day names. */
export function parseNcrontab(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) throw new RangeError(`NCRONTAB needs six fields: "${expression}"`);
  const [sec = "", min = "", hour = "", day = "", month = "", dow = ""] = fields;
  const weekdays = parseField(dow, 0, 7, dayNames);
  if (weekdays.has(7)) weekdays.add(0);
  return {
    seconds: parseField(sec, 0, 59),
    minutes: parseField(min, 0, 59),
    hours: parseField(hour, 0, 23),
    days: parseField(day, 1, 31),
    months: parseField(month, 1, 12, monthNames, 1),
    weekdays,
  };
}

/** Azure's NCrontab requires day-of-month and day-of-week both to match (Vixie cron ORs them when both are restricted). */
function dayMatches(s: CronSchedule, date: Date): boolean {
  return s.days.has(date.getUTCDate()) && s.weekdays.has(date.getUTCDay());
}

/** The first occurrence strictly after `afterMs` (UTC), or undefined if none within ~5 years. */
export function nextOccurrence(s: CronSchedule, afterMs: number): number | undefined {
  const d = new Date(Math.floor(afterMs / 1000) * 1000 + 1000);
  const limit = afterMs + 5 * 366 * 86_400_000;
  while (d.getTime() <= limit) {
    if (!s.months.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0);
      continue;
    }
    if (!dayMatches(s, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0);
      continue;
    }
    if (!s.hours.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0);
      continue;
    }
    if (!s.minutes.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0);
      continue;
    }
    if (!s.seconds.has(d.getUTCSeconds())) {
      d.setUTCSeconds(d.getUTCSeconds() + 1);
      continue;
    }
    return d.getTime();
  }
  return undefined;
}

/** The last occurrence at or before `atOrBeforeMs` (UTC), or undefined if none within ~5 years: nextOccurrence walked backwards. */
export function previousOccurrence(s: CronSchedule, atOrBeforeMs: number): number | undefined {
  const d = new Date(Math.floor(atOrBeforeMs / 1000) * 1000);
  const limit = atOrBeforeMs - 5 * 366 * 86_400_000;
  // A field that does not match moves to the start of its unit, then one second back: the end of the unit before.
  while (d.getTime() >= limit) {
    if (!s.months.has(d.getUTCMonth() + 1)) {
      d.setUTCDate(1);
      d.setUTCHours(0, 0, 0);
    } else if (!dayMatches(s, d)) {
      d.setUTCHours(0, 0, 0);
    } else if (!s.hours.has(d.getUTCHours())) {
      d.setUTCMinutes(0, 0);
    } else if (!s.minutes.has(d.getUTCMinutes())) {
      d.setUTCSeconds(0);
    } else if (s.seconds.has(d.getUTCSeconds())) {
      return d.getTime();
    }
    d.setTime(d.getTime() - 1000);
  }
  return undefined;
}
