import { describe, expect, it } from "vitest";
import type { ClassifiedTarget } from "../../../shared/domain/tenant";
import { deriveClosedDemandFacts } from "../../../shared/transparency/closed-demand-facts";
import { isPeriodClosed, nationalSecurityReleaseDate, nextPeriod, periodBounds, periodOf } from "../../../shared/transparency/period";
import { protectCounts, publishCount } from "../../../shared/transparency/protect-figures";
import { buildTransparencyReport } from "../../../shared/transparency/build-report";
import { aggregateCells } from "../../../shared/transparency/counter-cell";
import { someFacts } from "./transparency-fixtures";
import { OUTCOME_COLUMNS, type Figure } from "../../../shared/transparency/report-model";
import { aDemandBody, aDemandRecord } from "../../support/builders";

const found = (overrides: Partial<ClassifiedTarget>): ClassifiedTarget => ({ type: "email", value: "x@y.example", found: true, enterprise: false, delinked: false, dataCountry: "US", ...overrides });

describe("half-year periods", () => {
  it.each([
    ["2026-01-01T00:00:00.000Z", "2026-H1"],
    ["2026-06-30T23:59:59.999Z", "2026-H1"],
    ["2026-07-01T00:00:00.000Z", "2026-H2"],
    ["2026-12-31T23:59:59.999Z", "2026-H2"],
  ])("%s falls in %s", (at, period) => expect(periodOf(at)).toBe(period));

  it("know their bounds, their end, their national-security release and their successor", () => {
    expect(periodBounds("2026-H2")).toEqual({ start: "2026-07-01", endExclusive: "2027-01-01" });
    expect([isPeriodClosed("2026-H1", "2026-06-30"), isPeriodClosed("2026-H1", "2026-07-01")]).toEqual([false, true]);
    expect(nationalSecurityReleaseDate("2026-H1")).toBe("2027-01-01");
    expect(nationalSecurityReleaseDate("2026-H2")).toBe("2027-07-01");
    expect([nextPeriod("2026-H1"), nextPeriod("2026-H2")]).toEqual(["2026-H2", "2027-H1"]);
  });
});

describe("deriveClosedDemandFacts", () => {
  it("takes the period, requester, process, secrecy and accounts from the record and enterprise and location from the classified targets", () => {
    const record = aDemandRecord({
      status: "closed",
      outcome: "disclosed_content",
      receivedAt: "2026-08-03T10:00:00.000Z",
      body: aDemandBody({
        requester: { kind: "law_enforcement", country: "GB", jurisdiction: "GB", agency: "Agency" },
        targets: [{ type: "email", value: "a@b.example" }, { type: "email", value: "c@d.example" }],
        secrecyOrder: { reference: "NDO-1", issuingCourt: "Court", issuedOn: "2026-08-01" },
      }),
    });
    expect(deriveClosedDemandFacts(record, [found({ enterprise: true, dataCountry: "GB" }), found({ found: false, dataCountry: undefined })])).toEqual({
      demandId: record.id,
      period: "2026-H2",
      country: "GB",
      requesterKind: "law_enforcement",
      nationalSecurity: false,
      outcome: "disclosed_content",
      enterprise: true,
      accountsSpecified: 2,
      secrecyOrder: true,
      emergency: false,
      contentOutsideRequesterCountry: false,
    });
    expect(deriveClosedDemandFacts(record, [found({ dataCountry: "IE" })]).contentOutsideRequesterCountry).toBe(true);
  });

  it("counts data stored abroad only when content was disclosed, and marks emergency and national-security process", () => {
    const emergency = aDemandRecord({ status: "closed", outcome: "disclosed_non_content", body: aDemandBody({ legalProcess: { ...aDemandBody().legalProcess, kind: "emergency_request" } }) });
    expect(deriveClosedDemandFacts(emergency, [found({ dataCountry: "IE" })])).toMatchObject({ emergency: true, contentOutsideRequesterCountry: false });
    const fisa = aDemandRecord({ status: "closed", outcome: "rejected", body: aDemandBody({ legalProcess: { ...aDemandBody().legalProcess, kind: "national_security" } }) });
    expect(deriveClosedDemandFacts(fisa, [])).toMatchObject({ nationalSecurity: true, enterprise: false });
  });

  it("refuses a demand whose outcome is not final yet, and counts one that is final while still open (R11)", () => {
    expect(() => deriveClosedDemandFacts(aDemandRecord({ status: "in_review" }), [])).toThrow(/final outcome/);
    expect(deriveClosedDemandFacts(aDemandRecord({ status: "awaiting_secrecy_expiry", outcome: "disclosed_content" }), []).outcome).toBe("disclosed_content");
  });
});

describe("small-count protection", () => {
  it("publishes 1–9 as a range, zero and 10+ exactly, and masked larger counts as ranges of ten", () => {
    expect([publishCount(0, false), publishCount(3, true), publishCount(10, false), publishCount(27, true)]).toEqual([0, "1–9", 10, "20–29"]);
  });

  it("R11: never publishes 1–9 ranges that can only add up one way (12 demands − 10 rejected = 1 withdrawn + 1 no data)", () => {
    const facts = [
      ...Array.from({ length: 10 }, () => someFacts({ outcome: "rejected" })),
      someFacts({ outcome: "withdrawn" }),
      someFacts({ outcome: "no_data" }),
    ];
    const report = buildTransparencyReport(aggregateCells(facts), "2026-H1", "2026-07-01");
    for (const row of [report.totals, ...report.countries]) {
      expect(row.outcomes).toMatchObject({ withdrawn: "1–9", noData: "1–9" });
      // Published exactly, demands and rejected would tell that each range is 1 (both are at least 1, together 2).
      expect([row.demands, row.outcomes.rejected].some((figure) => typeof figure === "string")).toBe(true);
    }
  });

  it("R11: never lets a 1–9 consumer count be recovered as demands minus enterprise demands", () => {
    const facts = [...Array.from({ length: 12 }, () => someFacts({ outcome: "redirected", enterprise: true })), someFacts({ outcome: "rejected" })];
    const report = buildTransparencyReport(aggregateCells(facts), "2026-H1", "2026-07-01");
    const small = (all: Figure, enterprise: Figure) => typeof all === "number" && typeof enterprise === "number" && all - enterprise > 0 && all - enterprise < 10;
    for (const row of [report.totals, ...report.countries]) {
      expect(small(row.demands, row.enterprise.demands)).toBe(false);
      for (const outcome of OUTCOME_COLUMNS) expect(small(row.outcomes[outcome], row.enterprise.outcomes[outcome])).toBe(false);
    }
  });

  it("masks a second figure wherever a single masked one could be recovered by subtraction", () => {
    // Rows: A, B, totals. Columns: total, part1, part2 (part1 + part2 = total). A's 3 is masked; its column then
    // masks B's 20 (smallest other), its row masks A's 17, and B's row masks B's other 20. B's 40 = 20–29 + 20–29
    // still pins both (then A's 3 = 23 − 20), so more figures are banded until no line pins any of its ranges.
    const mask = protectCounts({ values: [[20, 17, 3], [40, 20, 20], [60, 37, 23]], partitions: [{ parent: 0, children: [1, 2] }] });
    expect(mask).toEqual([
      [true, true, true],
      [true, true, true],
      [true, false, true],
    ]);
  });
});
