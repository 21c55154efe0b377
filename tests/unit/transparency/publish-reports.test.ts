import { describe, expect, it } from "vitest";
import type { CellVersions, RebuiltCell, ReportPublisher } from "../../../shared/ports/transparency-store";
import { countClosedDemand } from "../../../shared/transparency/count-closed-demand";
import { InMemoryTransparencyStore } from "../../../shared/transparency/in-memory-transparency-store";
import { publishClosedReports } from "../../../shared/transparency/publish-reports";
import { rebuildCounters } from "../../../shared/transparency/rebuild-counters";
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

  it("R11: refuses to publish while a rebuild is replacing the counters (or died half-way), and publishes the rebuilt figures after", async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let replacing = (): void => undefined;
    const started = new Promise<void>((resolve) => (replacing = resolve));
    /** A store whose replacement of the cells pauses half-way, as Cosmos DB's cell-by-cell writes can. */
    class PausingStore extends InMemoryTransparencyStore {
      fail = false;
      override async replaceAllCells(cells: readonly RebuiltCell[], versions: CellVersions): Promise<boolean> {
        replacing();
        await held;
        if (this.fail) throw new Error("simulated crash half-way");
        return super.replaceAllCells(cells, versions);
      }
    }
    const store = new PausingStore();
    for (let i = 0; i < 3; i += 1) await countClosedDemand(store, someFacts({ period: "2026-H1" }));
    const publisher = new MemoryPublisher();
    const deps = { transparency: store, publisher, firstPeriod: "2026-H1", demands: { countPending: async () => 0 } };
    const rebuild = rebuildCounters(store);
    await started;
    await expect(publishClosedReports(deps, "2027-01-01")).rejects.toMatchObject({ code: "conflict" });
    expect(publisher.files.size).toBe(0);
    store.fail = true;
    release();
    await expect(rebuild).rejects.toThrow(/half-way/);
    // A rebuild that died may have replaced some cells only: publishing waits for one that completes.
    await expect(publishClosedReports(deps, "2027-01-02")).rejects.toMatchObject({ code: "conflict" });
    store.fail = false;
    await rebuildCounters(store);
    expect(await publishClosedReports(deps, "2027-01-03")).toEqual(["2026-H1/report.json", "2026-H1/report.csv", "2026-H1/report.html"]);
  });
});
