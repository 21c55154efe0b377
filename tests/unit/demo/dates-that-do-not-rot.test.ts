import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayFrom, previousHalfYear } from "../../../scripts/relative-dates";
import { demoSubmission } from "../../../scripts/stack-client";
import { demoDataPeriod, generateDemoDataset } from "../../../shared/adapters/local/demo-data/demo-dataset";
import { checkDates } from "../../../shared/domain/policy/checks/check-dates";
import type { PolicyContext } from "../../../shared/domain/policy/policy-context";

/** Any instant from 2020 to 2200. */
const anyNow = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2200-12-31T23:59:59Z"), noInvalidDate: true });

describe("dates computed from the clock", () => {
  it("the demo's demand is sound on any day: issued before, expiring after, its data range in the past", () => {
    fc.assert(
      fc.property(anyNow, (now) => {
        const body = demoSubmission("DEMO", {}, now);
        expect(checkDates({ body, ctx: { now: now.toISOString() } as PolicyContext })).toEqual([]);
      }),
    );
  });

  it("the half-year before now lies inside the demo data set of now, and the data set ends with now's half-year", () => {
    fc.assert(
      fc.property(anyNow, (now) => {
        const period = demoDataPeriod(now);
        const range = previousHalfYear(now);
        const today = now.toISOString().slice(0, 10);
        expect(period.from <= range.from && range.to < today && today <= period.to).toBe(true);
      }),
    );
  });

  it("the demo data set has data in the previous half-year for the demo's consumer, whatever the year", () => {
    for (const iso of ["2026-11-21T12:00:00Z", "2031-03-02T00:00:00Z", "2099-07-01T00:00:00Z"]) {
      const now = new Date(iso);
      const { from, to } = previousHalfYear(now);
      const items = generateDemoDataset(undefined, now).filter((i) => i.accountId === "acct-pat-0001" && i.date >= from && i.date <= to);
      expect(items.length, iso).toBeGreaterThan(0);
    }
  });

  it("golden values", () => {
    expect(dayFrom(new Date("2026-11-21T12:00:00Z"), -20)).toBe("2026-11-01");
    expect(dayFrom(new Date("2026-11-21T12:00:00Z"), 71)).toBe("2027-01-31");
    expect(previousHalfYear(new Date("2026-11-21T12:00:00Z"))).toEqual({ from: "2026-01-01", to: "2026-06-30" });
    expect(previousHalfYear(new Date("2027-06-30T23:59:59Z"))).toEqual({ from: "2026-07-01", to: "2026-12-31" });
    expect(demoDataPeriod(new Date("2026-11-21T12:00:00Z"))).toEqual({ from: "2025-01-01", to: "2026-12-31" });
    expect(demoDataPeriod(new Date("2027-02-01T00:00:00Z"))).toEqual({ from: "2025-07-01", to: "2027-06-30" });
  });
});
