import { beforeAll, describe, expect, it } from "vitest";
import { makeTransparencyReportHandler } from "../../../functions/handlers/transparency-report-handler";
import { countClosedDemand } from "../../../shared/transparency/count-closed-demand";
import { InMemoryTransparencyStore } from "../../../shared/transparency/in-memory-transparency-store";
import { REPORT_HTML_CSP } from "../../../shared/transparency/render-html";
import { aContext, aRequest, jsonOf } from "../../support/http";
import { seededFacts } from "./report-seed";

const store = new InMemoryTransparencyStore();
const pendingAsked: [string, string][] = [];
const demands = {
  countPending: async (from: string, to: string) => {
    pendingAsked.push([from, to]);
    return 3;
  },
};
const handler = makeTransparencyReportHandler(async () => ({ transparency: store, demands, now: () => new Date("2027-01-15T08:00:00Z") }));
const get = (query: string) => handler(aRequest({ url: `http://localhost:7071/api/reports/transparency?${query}` }), aContext());

beforeAll(async () => {
  for (const facts of seededFacts()) await countClosedDemand(store, facts);
});

describe("GET /api/reports/transparency", () => {
  it("answers JSON by default", async () => {
    const response = await get("period=2026-H1");
    expect(response.status).toBe(200);
    expect(jsonOf(response)).toMatchObject({ period: "2026-H1", totals: { demands: 114 } });
  });

  it("R11: says how many demands of the half-year still await their outcome (as a range below ten)", async () => {
    const response = await get("period=2026-H1");
    expect(jsonOf(response)).toMatchObject({ pending: { demands: "1–9" } });
    expect(pendingAsked.at(-1)).toEqual(["2026-01-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"]);
    const html = await get("period=2026-H1&format=html");
    expect(String(html.body)).toContain("1–9 demand(s) of the half-year still await their outcome");
  });

  it("answers CSV as a download", async () => {
    const response = await get("period=2026-H1&format=csv");
    expect(response.headers).toMatchObject({ "content-type": "text/csv; charset=utf-8" });
    expect(String(response.body).split("\r\n")[1]).toMatch(/^2026-H1,ALL,114,130,/);
  });

  it("answers HTML with the strict CSP", async () => {
    const response = await get("period=2026-H1&format=html");
    expect(response.headers).toMatchObject({ "content-type": "text/html; charset=utf-8", "content-security-policy": REPORT_HTML_CSP });
    expect(String(response.body)).toContain("<svg role=\"img\"");
  });

  it.each(["period=2026-H3", "period=26-H1", "", "period=2026-H1&format=pdf"])("refuses %j with 400 problem+json", async (query) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect(response.headers).toMatchObject({ "content-type": "application/problem+json" });
    expect(jsonOf(response).type).toMatch(/validation-failed$/);
  });

  it.each(["period=9999-H2", "period=9999-H1", "period=0000-H1", "period=1999-H2", "period=%EF%BC%92026-H1"])("refuses the out-of-range %j with 400 naming the period", async (query) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect(response.headers).toMatchObject({ "content-type": "application/problem+json" });
    expect(jsonOf(response).errors).toEqual([expect.objectContaining({ path: "period" })]);
  });

  it("refuses a half-year that has not ended with 409", async () => {
    const response = await get("period=2027-H1");
    expect(response.status).toBe(409);
    expect(jsonOf(response).type).toMatch(/invalid-state$/);
  });
});

describe("R11: anonymous readers of the live report", () => {
  it("R11: a flood of GETs counts the half-year's pending demands at most once a minute (the cells are read each time; the demands are not)", async () => {
    let counts = 0;
    let now = new Date("2027-01-15T08:00:00Z");
    const counted = makeTransparencyReportHandler(async () => ({
      transparency: store,
      demands: {
        countPending: async () => {
          counts += 1;
          return 3;
        },
      },
      now: () => now,
    }));
    const read = () => counted(aRequest({ url: "http://localhost:7071/api/reports/transparency?period=2026-H1" }), aContext());
    for (let i = 0; i < 50; i += 1) expect((await read()).status).toBe(200);
    expect(counts).toBe(1);
    now = new Date(now.getTime() + 61_000);
    await read();
    expect(counts).toBe(2);
  });
});
