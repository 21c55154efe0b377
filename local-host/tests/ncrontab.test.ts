import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextOccurrence, parseNcrontab, previousOccurrence } from "../src/time/ncrontab";

/** The next `count` occurrences of `expression` after `fromIso`, as ISO strings. */
function next(expression: string, fromIso: string, count = 1): string[] {
  const schedule = parseNcrontab(expression);
  const out: string[] = [];
  let at = Date.parse(fromIso);
  for (let i = 0; i < count; i += 1) {
    const n = nextOccurrence(schedule, at);
    if (n === undefined) break;
    out.push(new Date(n).toISOString());
    at = n;
  }
  return out;
}

// Golden values computed by hand from a calendar, following Azure's NCrontab: a time matches when every field
// matches, day-of-month and day-of-week included (unlike Vixie cron, which ORs those two when both are restricted).
describe("NCRONTAB as Azure evaluates it", () => {
  it("day-of-month AND day-of-week: '0 0 0 13 * FRI' fires only on Friday the 13th", () => {
    expect(next("0 0 0 13 * FRI", "2026-01-01T00:00:00Z", 3)).toEqual([
      "2026-02-13T00:00:00.000Z",
      "2026-03-13T00:00:00.000Z",
      "2026-11-13T00:00:00.000Z",
    ]);
  });

  it("day-of-month AND day-of-week with numbers and a range: the first Monday-to-Wednesday falling on 1-3", () => {
    // 2026: Jun 1 is a Monday, Jun 2 Tue, Jun 3 Wed; Jul 1 is a Wednesday; Aug 3 a Monday; Sep 1 a Tuesday.
    expect(next("0 30 8 1-3 * 1-3", "2026-05-15T00:00:00Z", 6)).toEqual([
      "2026-06-01T08:30:00.000Z",
      "2026-06-02T08:30:00.000Z",
      "2026-06-03T08:30:00.000Z",
      "2026-07-01T08:30:00.000Z",
      "2026-08-03T08:30:00.000Z",
      "2026-09-01T08:30:00.000Z",
    ]);
  });

  it("a restricted day-of-month with '*' day-of-week fires on that day whatever the weekday", () => {
    expect(next("0 0 12 31 * *", "2026-01-01T00:00:00Z", 3)).toEqual([
      "2026-01-31T12:00:00.000Z",
      "2026-03-31T12:00:00.000Z",
      "2026-05-31T12:00:00.000Z",
    ]);
  });

  it("a restricted day-of-week with '*' day-of-month fires every such weekday", () => {
    expect(next("0 0 9 * * MON", "2026-03-01T00:00:00Z", 3)).toEqual([
      "2026-03-02T09:00:00.000Z",
      "2026-03-09T09:00:00.000Z",
      "2026-03-16T09:00:00.000Z",
    ]);
  });

  it("steps: over the whole field, over a range, and from a start value", () => {
    expect(next("*/20 * * * * *", "2026-01-01T00:00:00Z", 3)).toEqual([
      "2026-01-01T00:00:20.000Z",
      "2026-01-01T00:00:40.000Z",
      "2026-01-01T00:01:00.000Z",
    ]);
    expect(next("0 0 10-16/3 * * *", "2026-01-01T00:00:00Z", 4)).toEqual([
      "2026-01-01T10:00:00.000Z",
      "2026-01-01T13:00:00.000Z",
      "2026-01-01T16:00:00.000Z",
      "2026-01-02T10:00:00.000Z",
    ]);
    expect(next("0 5/25 * * * *", "2026-01-01T00:00:00Z", 3)).toEqual([
      "2026-01-01T00:05:00.000Z",
      "2026-01-01T00:30:00.000Z",
      "2026-01-01T00:55:00.000Z",
    ]);
  });

  it("names for months and weekdays, in any case, in lists and ranges", () => {
    expect(next("0 0 0 1 jan,Jul *", "2026-02-01T00:00:00Z", 2)).toEqual(["2026-07-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]);
    expect(next("0 0 18 * * fri-Sat", "2026-03-02T00:00:00Z", 3)).toEqual([
      "2026-03-06T18:00:00.000Z",
      "2026-03-07T18:00:00.000Z",
      "2026-03-13T18:00:00.000Z",
    ]);
    expect(next("0 0 0 * FEB MON-FRI", "2026-02-26T00:00:00Z", 2)).toEqual(["2026-02-27T00:00:00.000Z", "2027-02-01T00:00:00.000Z"]);
  });

  it("a range written backwards is read in order, as NCrontab does (10-1 is 1-10)", () => {
    expect(next("0 0 0 31-30 * *", "2026-01-01T00:00:00Z", 2)).toEqual(["2026-01-30T00:00:00.000Z", "2026-01-31T00:00:00.000Z"]);
  });

  it("the project's own schedules: a daily checkpoint and a half-yearly publication", () => {
    expect(next("0 5 0 * * *", "2026-06-30T23:59:59Z", 2)).toEqual(["2026-07-01T00:05:00.000Z", "2026-07-02T00:05:00.000Z"]);
    expect(next("0 0 6 1 1,7 *", "2026-06-30T00:00:00Z", 2)).toEqual(["2026-07-01T06:00:00.000Z", "2027-01-01T06:00:00.000Z"]);
  });

  it("an impossible day (31 February) never fires; malformed expressions are refused", () => {
    expect(next("0 0 0 31 2 *", "2026-01-01T00:00:00Z")).toEqual([]);
    expect(() => parseNcrontab("0 0 0 * *")).toThrow(/six fields/);
    expect(() => parseNcrontab("0 0 24 * * *")).toThrow(/out of range/);
    expect(() => parseNcrontab("0 0 0 * * FUNDAY")).toThrow(/Invalid/);
    expect(() => parseNcrontab("0 */0 * * * *")).toThrow(/step/);
  });

  it("previousOccurrence is the last occurrence at or before a time: the one nextOccurrence reaches just after it", () => {
    const expressions = ["0 * * * * *", "0 15 0 * * *", "0 0 4 * * *", "0 0 6 1 1,7 *", "0 0 0 13 * FRI", "*/7 3-5 1,13 * FEB-MAR MON-FRI", "30 59 23 31 * *"];
    fc.assert(
      fc.property(fc.constantFrom(...expressions), fc.integer({ min: Date.parse("2024-01-01T00:00:00Z"), max: Date.parse("2030-01-01T00:00:00Z") }), (expression, at) => {
        const schedule = parseNcrontab(expression);
        const previous = previousOccurrence(schedule, at);
        expect(previous).toBeDefined();
        const p = previous as number;
        expect(p).toBeLessThanOrEqual(at);
        // Nothing fires after it up to `at`, and it is itself an occurrence.
        expect((nextOccurrence(schedule, p) as number) > at).toBe(true);
        expect(nextOccurrence(schedule, p - 1000)).toBe(p);
      }),
      { numRuns: 300 },
    );
    expect(previousOccurrence(parseNcrontab("0 0 0 31 2 *"), Date.parse("2026-01-01T00:00:00Z"))).toBeUndefined();
  });
});
