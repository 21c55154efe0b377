import { describe, expect, it } from "vitest";
import type { ReportPublisher } from "../../../shared/ports/transparency-store";
import { countClosedDemand } from "../../../shared/transparency/count-closed-demand";
import { InMemoryTransparencyStore } from "../../../shared/transparency/in-memory-transparency-store";
import { publishClosedReports } from "../../../shared/transparency/publish-reports";
import { renderReportCsv } from "../../../shared/transparency/render-csv";
import type { TransparencyReport } from "../../../shared/transparency/report-model";
import { someFacts } from "./transparency-fixtures";

/** Published files in memory, each written once; `failOn` makes one write fail once, as a crash or an outage would. */
class MemoryPublisher implements ReportPublisher {
  readonly files = new Map<string, string>();
  constructor(private failOn: string | null = null) {}

  async publishIfAbsent(path: string, body: string): Promise<boolean> {
    if (path === this.failOn) {
      this.failOn = null;
      throw new Error("simulated crash");
    }
    if (this.files.has(path)) return false;
    this.files.set(path, body);
    return true;
  }

  async read(path: string): Promise<string | null> {
    return this.files.get(path) ?? null;
  }
}

describe("R11: publishing a half-year's report", () => {
  it("R11: a run that died between two files completes the report with the figures already published", async () => {
    const store = new InMemoryTransparencyStore();
    for (let i = 0; i < 12; i += 1) await countClosedDemand(store, someFacts({ period: "2026-H1" }));
    const publisher = new MemoryPublisher("2026-H1/report.csv");
    const deps = { transparency: store, publisher, firstPeriod: "2026-H1", demands: { countPending: async () => 0 } };
    await expect(publishClosedReports(deps, "2027-01-01")).rejects.toThrow(/simulated crash/);
    // A demand still pending at the first run is counted before the next run.
    await countClosedDemand(store, someFacts({ period: "2026-H1" }));
    await publishClosedReports(deps, "2027-01-02");
    const json = JSON.parse(publisher.files.get("2026-H1/report.json") ?? "null") as TransparencyReport;
    expect(json.totals.demands).toBe(12);
    expect(publisher.files.get("2026-H1/report.csv")).toBe(renderReportCsv(json));
  });
});
