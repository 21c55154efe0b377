import { describe, expect, it } from "vitest";
import { makeDiscloseHandler } from "../../../activities/handlers/disclose";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import { withdrawDemand } from "../../../shared/use-cases/withdraw-demand";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, OnceLedger, RecordingLifecycle } from "../../support/fakes";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";

/*
 * R1: a withdrawal the API accepted during the objection window may reach the lifecycle after the Tick that closes it
 * (Azure). It is recorded on the demand before it is passed on, and the disclosure after the window reads it there.
 */
async function inWindow(overrides: Partial<DemandRecord> = {}) {
  const demands = new InMemoryDemandStore();
  const lifecycle = new RecordingLifecycle();
  const record = aDemandRecord({ status: "awaiting_notice_window", ...overrides });
  await demands.create(record);
  const deps = { demands, lifecycle, audit: new MemoryAuditLog(), now: () => TEST_NOW };
  return { demands, lifecycle, record, withdraw: () => withdrawDemand(deps, record.requesterId, record.id) };
}

const scope = { categories: ["subscriber_info" as const], targets: [{ type: "email" as const, value: "pat@outlook.example" }], dateRange: { from: "2026-01-01", to: "2026-06-30" } };

describe("R1: a withdrawal is recorded on the demand before it is passed on", () => {
  it("R1: the accepted withdrawal holds the disclosure that follows the window it came in: nothing is collected", async () => {
    const { demands, lifecycle, record, withdraw } = await inWindow();
    await withdraw();
    expect(lifecycle.events).toHaveLength(1);
    expect((await demands.get(record.id))!.record.withdrawalRequestedAt).toBe(TEST_NOW.toISOString());
    // The lifecycle's Tick then wrote "collecting" before the withdrawal reached it.
    const found = (await demands.get(record.id))!;
    await demands.replace({ ...found.record, status: "collecting" }, found.etag);
    const collected: string[] = [];
    const disclose = makeDiscloseHandler(async () => ({ demands, ledger: new OnceLedger(), disclosure: { disclose: async (d: DemandRecord) => (collected.push(d.id), { itemCount: 1, contentDisclosed: false, nonContentDisclosed: true }) } }));
    const endsAt = new Date(TEST_NOW.getTime() + 1_000).toISOString();
    expect(await disclose({ demandId: record.id, scope, effectKey: "k", objectionWindow: { endsAt, heard: [] } })).toMatchObject({ itemCount: 0, withdrawalPending: true });
    expect(collected).toEqual([]);
  });

  it("R1: a withdrawal that could not be passed on is released: it does not withdraw the demand later unasked", async () => {
    const { demands, lifecycle, record, withdraw } = await inWindow();
    lifecycle.refusing.add(record.id);
    await expect(withdraw()).rejects.toThrow();
    expect((await demands.get(record.id))!.record.withdrawalRequestedAt).toBeUndefined();
  });

  it("R1: once collection began the API refuses the withdrawal and records nothing", async () => {
    const { demands, lifecycle, record, withdraw } = await inWindow({ status: "collecting" });
    await expect(withdraw()).rejects.toThrow(/can no longer be withdrawn/);
    expect(lifecycle.events).toHaveLength(0);
    expect((await demands.get(record.id))!.record.withdrawalRequestedAt).toBeUndefined();
  });
});
