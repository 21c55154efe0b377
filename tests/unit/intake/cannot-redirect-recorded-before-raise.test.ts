import { describe, expect, it } from "vitest";
import { makeLoadDemandHandler } from "../../../activities/handlers/load-demand";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import { answerCannotRedirect } from "../../../shared/use-cases/withdraw-demand";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, RecordingLifecycle } from "../../support/fakes";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";

/*
 * R4: a 'cannot redirect' answer the API accepted before the redirect deadline may reach the lifecycle after the Tick for
 * that deadline (Azure). It is recorded on the demand, with when it was accepted, before it is passed on, and the
 * deadline's step reads it there once its status write has closed the demand to answers.
 */
const REASON = "The customer's own administrator is a suspect in this investigation.";

async function awaitingRedirect(overrides: Partial<DemandRecord> = {}) {
  const demands = new InMemoryDemandStore();
  const lifecycle = new RecordingLifecycle();
  const record = aDemandRecord({ status: "awaiting_redirect", ...overrides });
  await demands.create(record);
  const deps = { demands, lifecycle, audit: new MemoryAuditLog(), now: () => TEST_NOW };
  const load = makeLoadDemandHandler(async () => ({ demands }));
  return { demands, lifecycle, record, load, answer: () => answerCannotRedirect(deps, record.requesterId, record.id, REASON) };
}

async function moveStatus(demands: InMemoryDemandStore, id: string, status: DemandRecord["status"]): Promise<void> {
  const found = (await demands.get(id))!;
  await demands.replace({ ...found.record, status }, found.etag);
}

describe("R4: a 'cannot redirect' answer is recorded on the demand, with its time, before it is passed on", () => {
  it("R4: the deadline's read finds the answer and when the API accepted it", async () => {
    const { demands, lifecycle, record, load, answer } = await awaitingRedirect();
    await answer();
    expect(lifecycle.events).toEqual([expect.objectContaining({ payload: expect.objectContaining({ answeredAt: TEST_NOW.toISOString() }) })]);
    await moveStatus(demands, record.id, "in_review"); // the deadline's status write
    expect(await load({ demandId: record.id, at: TEST_NOW.toISOString(), redirectClosed: true })).toMatchObject({ redirectAnsweredAt: TEST_NOW.toISOString() });
  });

  it("R4: a read still showing the demand open to answers (a lagging replica) fails and is retried", async () => {
    const { record, load } = await awaitingRedirect();
    await expect(load({ demandId: record.id, at: TEST_NOW.toISOString(), redirectClosed: true })).rejects.toThrow(/stale-demand-read/);
  });

  it("R4: once the deadline's step closed the demand, the API refuses an answer and records nothing", async () => {
    const { demands, lifecycle, record, answer } = await awaitingRedirect({ status: "in_review" });
    await expect(answer()).rejects.toThrow(/not waiting for a redirect answer/);
    expect(lifecycle.events).toHaveLength(0);
    expect((await demands.get(record.id))!.record.cannotRedirectAnsweredAt).toBeUndefined();
  });

  it("R4: a hand-over that failed after the deadline's step closed the demand keeps the answer: the lifecycle reads it there", async () => {
    const { demands, lifecycle, record, answer } = await awaitingRedirect();
    lifecycle.raise = async () => {
      await moveStatus(demands, record.id, "in_review");
      throw new Error("raise failed");
    };
    await expect(answer()).rejects.toThrow("raise failed");
    expect((await demands.get(record.id))!.record).toMatchObject({ cannotRedirectReason: REASON, cannotRedirectAnsweredAt: TEST_NOW.toISOString() });
  });

  it("R4: a hand-over that failed while the demand is still open releases the answer and its time", async () => {
    const { demands, lifecycle, record, answer } = await awaitingRedirect();
    lifecycle.refusing.add(record.id);
    await expect(answer()).rejects.toThrow();
    const stored = (await demands.get(record.id))!.record;
    expect(stored.cannotRedirectReason).toBeUndefined();
    expect(stored.cannotRedirectAnsweredAt).toBeUndefined();
  });
});
