import { describe, expect, it } from "vitest";
import { buildTransparencyReport } from "../../../shared/transparency/build-report";
import { aggregateCells } from "../../../shared/transparency/counter-cell";
import { renderReportCsv } from "../../../shared/transparency/render-csv";
import { someFacts } from "./transparency-fixtures";

// 2026-H1: ordinary demands from the US; national-security demands only from GB.
const cells = aggregateCells([
  ...Array.from({ length: 12 }, (_, i) => someFacts({ demandId: `us-${i}`, period: "2026-H1", country: "US", outcome: "rejected" })),
  ...Array.from({ length: 3 }, (_, i) => someFacts({ demandId: `gb-ns-${i}`, period: "2026-H1", country: "GB", nationalSecurity: true, outcome: "disclosed_content" })),
]);

describe("R11: national-security demands show only as bands, six months late", () => {
  it("before the release date, a country whose only demands were national-security ones is not in the report", () => {
    const early = buildTransparencyReport(cells, "2026-H1", "2026-12-31");
    expect(early.nationalSecurity).toEqual({ released: false, releaseDate: "2027-01-01" });
    // A row "GB, 0 demands" says that GB sent national-security demands in the half-year, months before it may be said.
    expect(early.countries.map((row) => row.country)).toEqual(["US"]);
    expect(renderReportCsv(early)).not.toContain(",GB,");
  });

  it("after the release date, that country's national-security demands are published as its band", () => {
    const late = buildTransparencyReport(cells, "2026-H1", "2027-01-15");
    expect(late.nationalSecurity).toMatchObject({ released: true, bands: expect.arrayContaining([{ country: "GB", band: "0–499" }]) });
  });
});
