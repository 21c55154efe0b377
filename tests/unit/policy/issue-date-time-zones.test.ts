import { describe, expect, it } from "vitest";
import { evaluate, reasonsOf, scenario } from "./demand-builder";

// R3 wrong dates: "issued in the future". Process carries the calendar date where it was issued. At 20:00 UTC on
// 15 June it is already 16 June in Auckland, Sydney or Tokyo, so process issued and signed there that morning and
// served at once is not issued in the future. Dates later than the latest date anywhere on Earth (UTC+14) still are.
describe("R3 wrong dates across time zones", () => {
  it("accepts process issued and signed this morning in Auckland (UTC+12), served at 20:00 UTC the day before", () => {
    const s = scenario((x) => {
      x.ctx.now = "2025-06-15T20:00:00Z"; // 08:00 on 16 June in Auckland
      x.body.legalProcess.issuedOn = "2025-06-16";
      x.body.legalProcess.signature!.signedOn = "2025-06-16";
    });
    expect(reasonsOf(evaluate(s))).toEqual([]);
  });

  it("accepts a range starting on Auckland's today", () => {
    const s = scenario((x) => {
      x.ctx.now = "2025-06-15T20:00:00Z";
      x.body.dateRange = { from: "2025-06-16", to: "2025-06-16" };
    });
    expect(reasonsOf(evaluate(s))).toEqual([]);
  });

  it("still rejects a date that is in the future everywhere", () => {
    const s = scenario((x) => {
      x.ctx.now = "2025-06-15T20:00:00Z"; // 10:00 on 16 June at UTC+14
      x.body.legalProcess.issuedOn = "2025-06-17";
    });
    expect(reasonsOf(evaluate(s))).toEqual(["wrong_dates"]);
  });
});
