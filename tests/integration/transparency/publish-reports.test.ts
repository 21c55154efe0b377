import type { ContainerClient } from "@azure/storage-blob";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTransparencyPublishTimer } from "../../../functions/handlers/transparency-publish-timer";
import { BlobReportPublisher } from "../../../shared/adapters/blob/blob-report-publisher";
import { countClosedDemand } from "../../../shared/transparency/count-closed-demand";
import { InMemoryTransparencyStore } from "../../../shared/transparency/in-memory-transparency-store";
import { publishClosedReports } from "../../../shared/transparency/publish-reports";
import { OnceLedger } from "../../support/fakes";
import { aContext } from "../../support/http";
import { openTestContainer } from "../../support/test-stores";
import { someFacts } from "../../unit/transparency/transparency-fixtures";

let blobs: ContainerClient;
const store = new InMemoryTransparencyStore();

beforeAll(async () => {
  blobs = await openTestContainer("transparency-reports");
  for (let i = 0; i < 12; i += 1) await countClosedDemand(store, someFacts({ period: "2026-H1" }));
  await countClosedDemand(store, someFacts({ period: "2026-H2" }));
});

async function names(): Promise<string[]> {
  const found: string[] = [];
  for await (const blob of blobs.listBlobsFlat()) found.push(blob.name);
  return found.sort();
}

describe("publishing transparency reports", () => {
  it("publishes each half-year once its national-security delay has passed, and never rewrites a file", async () => {
    const deps = { transparency: store, publisher: new BlobReportPublisher(blobs), firstPeriod: "2026-H1", demands: { countPending: async () => 0 } };
    expect(await publishClosedReports(deps, "2026-12-31")).toEqual([]);
    expect(await publishClosedReports(deps, "2027-01-01")).toEqual(["2026-H1/report.json", "2026-H1/report.csv", "2026-H1/report.html"]);
    const json = JSON.parse((await blobs.getBlockBlobClient("2026-H1/report.json").downloadToBuffer()).toString()) as { totals: { demands: number } };
    expect(json.totals.demands).toBe(12);
    const html = blobs.getBlockBlobClient("2026-H1/report.html");
    expect((await html.getProperties()).contentType).toBe("text/html; charset=utf-8");
    const etag = (await html.getProperties()).etag;

    await countClosedDemand(store, someFacts({ period: "2026-H1" }));
    expect(await publishClosedReports(deps, "2027-03-01")).toEqual([]);
    expect((await html.getProperties()).etag).toBe(etag);

    const timer = makeTransparencyPublishTimer(async () => ({ ...deps, ledger: new OnceLedger(), mailer: { send: async () => ({ messageId: "unused" }) }, operators: ["ops@provider.example"], now: () => new Date("2027-07-02T03:00:00Z") }));
    await timer({ isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: "", next: "", lastUpdated: "" } }, aContext());
    expect(await names()).toEqual(["2026-H1/report.csv", "2026-H1/report.html", "2026-H1/report.json", "2026-H2/report.csv", "2026-H2/report.html", "2026-H2/report.json"]);
  });
});
