import { describe, expect, it } from "vitest";
import { makeDiscloseHandler } from "../../../activities/handlers/disclose";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import { aDemandRecord } from "../../support/builders";
import { InMemoryDemandStore, OnceLedger } from "../../support/fakes";

const ENDS = "2026-12-01T12:00:00.000Z";
const scope = { categories: ["subscriber_info" as const], targets: [{ type: "email" as const, value: "pat@outlook.example" }], dateRange: { from: "2026-01-01", to: "2026-06-30" } };

async function world(overrides: Partial<DemandRecord>) {
  const demands = new InMemoryDemandStore();
  const record = aDemandRecord({ status: "collecting", ...overrides });
  await demands.create(record);
  const collected: string[] = [];
  const disclose = makeDiscloseHandler(async () => ({
    demands,
    ledger: new OnceLedger(),
    disclosure: { disclose: async (d: DemandRecord) => (collected.push(d.id), { itemCount: 2, contentDisclosed: false, nonContentDisclosed: true }) },
  }));
  return { id: record.id, disclose, collected };
}

describe("R5: the disclosure after an objection window checks the demand for an objection accepted within it", () => {
  it("R5: an objection the API accepted before the window closed and the lifecycle has not heard holds the disclosure: nothing is collected", async () => {
    const { id, disclose, collected } = await world({ customerObjections: [{ summary: "we object", recordedAt: "2026-12-01T11:59:58.000Z" }] });
    const result = await disclose({ demandId: id, scope, effectKey: `${id}:disclose`, objectionWindow: { endsAt: ENDS, heard: [] } });
    expect(result).toMatchObject({ itemCount: 0, objectionsPending: [0] });
    expect(collected).toEqual([]);
    // Heard (the lifecycle put it to reviewers), the same key collects on the next approval: the held result was not remembered.
    const again = await disclose({ demandId: id, scope, effectKey: `${id}:disclose`, objectionWindow: { endsAt: ENDS, heard: [0] } });
    expect(again).toEqual({ itemCount: 2, contentDisclosed: false, nonContentDisclosed: true });
    expect(collected).toEqual([id]);
  });

  it("R5: an objection accepted after the window closed does not hold it, nor does a disclosure that follows no window", async () => {
    const late = await world({ customerObjections: [{ summary: "we object", recordedAt: "2026-12-01T12:00:30.000Z" }] });
    expect(await late.disclose({ demandId: late.id, scope, effectKey: "k", objectionWindow: { endsAt: ENDS, heard: [] } })).toMatchObject({ itemCount: 2 });
    const none = await world({ customerObjections: [{ summary: "we object", recordedAt: "2026-11-30T12:00:00.000Z" }] });
    expect(await none.disclose({ demandId: none.id, scope, effectKey: "k" })).toMatchObject({ itemCount: 2 });
  });

  it("R5: a read of the demand from before collection began is not trusted (the activity fails and is retried)", async () => {
    const { id, disclose, collected } = await world({ status: "awaiting_notice_window" });
    await expect(disclose({ demandId: id, scope, effectKey: "k", objectionWindow: { endsAt: ENDS, heard: [] } })).rejects.toThrow(/stale-demand-read/);
    expect(collected).toEqual([]);
  });
});
