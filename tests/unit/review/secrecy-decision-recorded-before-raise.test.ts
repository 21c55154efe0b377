import { describe, expect, it } from "vitest";
import { makeLoadDemandHandler } from "../../../activities/handlers/load-demand";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import type { ReviewDecisionEvent } from "../../../shared/review/review-decision";
import { recordSecrecyDecision, releaseSecrecyDecision } from "../../../shared/use-cases/record-secrecy-decision";
import { makeReviewDecisionHandler } from "../../../functions/handlers/review-decision-handler";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { aContext } from "../../support/http";
import { aReviewedDemand, aReviewPost, aReviewWorld } from "./review-fixture";
import { InMemoryDemandStore } from "../../support/fakes";

/*
 * R9: a reviewer's decision in a secrecy-expiry or confirmation round may reach the lifecycle after the Tick at the
 * order's end (Azure). The review page writes it on the demand, while its round is open there, before raising it; the
 * step at the order's end closes the rounds on the record first, then reads the decisions.
 */
const withhold = { round: "secrecy-expiry-2", kind: "secrecy_expiry", reviewer: "ben@provider.example", action: "withhold", withholdReason: "danger", decidedAt: TEST_NOW.toISOString() } as ReviewDecisionEvent;

async function withExpiryRound(open: boolean) {
  const demands = new InMemoryDemandStore();
  const record = aDemandRecord({ status: "awaiting_secrecy_expiry", reviewRounds: [{ round: "secrecy-expiry-2", kind: "secrecy_expiry", open, decidedBy: [] }] });
  await demands.create(record);
  const load = makeLoadDemandHandler(async () => ({ demands }));
  return { demands, record, load };
}

async function closeRound(demands: InMemoryDemandStore, id: string): Promise<void> {
  const found = (await demands.get(id))!;
  const reviewRounds: DemandRecord["reviewRounds"] = found.record.reviewRounds.map((r) => ({ ...r, open: false }));
  await demands.replace({ ...found.record, reviewRounds }, found.etag);
}

describe("R9: a secrecy round's decision is recorded on the demand before it is raised", () => {
  it("R9: recorded while the round is open; the read at the order's end (after the rounds were closed) finds it, with when it was made", async () => {
    const { demands, record, load } = await withExpiryRound(true);
    expect(await recordSecrecyDecision(demands, record.id, withhold)).toBe(true);
    expect(await recordSecrecyDecision(demands, record.id, withhold)).toBe(true); // a retry records it once
    await closeRound(demands, record.id);
    const facts = await load({ demandId: record.id, at: TEST_NOW.toISOString(), expiryRoundClosed: "secrecy-expiry-2" });
    expect(facts.secrecyDecisions).toEqual([{ round: "secrecy-expiry-2", kind: "secrecy_expiry", reviewer: "ben@provider.example", action: "withhold", withholdReason: "danger", decidedAt: TEST_NOW.toISOString() }]);
  });

  it("R9: once the order's end closed the round, the decision is refused and nothing is recorded", async () => {
    const { demands, record } = await withExpiryRound(false);
    expect(await recordSecrecyDecision(demands, record.id, withhold)).toBe(false);
    expect((await demands.get(record.id))!.record.secrecyDecisions).toBeUndefined();
  });

  it("R9: a read still showing the round open (a lagging replica) fails and is retried", async () => {
    const { record, load } = await withExpiryRound(true);
    await expect(load({ demandId: record.id, at: TEST_NOW.toISOString(), expiryRoundClosed: "secrecy-expiry-2" })).rejects.toThrow(/stale-demand-read/);
  });

  it("R9: a decision whose raise failed is released while its round is open, and kept once the round was closed (the lifecycle may have read it)", async () => {
    const open = await withExpiryRound(true);
    await recordSecrecyDecision(open.demands, open.record.id, withhold);
    await releaseSecrecyDecision(open.demands, open.record.id, withhold);
    expect((await open.demands.get(open.record.id))!.record.secrecyDecisions).toEqual([]);
    const closing = await withExpiryRound(true);
    await recordSecrecyDecision(closing.demands, closing.record.id, withhold);
    await closeRound(closing.demands, closing.record.id);
    await releaseSecrecyDecision(closing.demands, closing.record.id, withhold);
    expect((await closing.demands.get(closing.record.id))!.record.secrecyDecisions).toHaveLength(1);
  });

  it("R8: an approval is not recorded on the demand (only secrecy rounds are read at an order's end)", async () => {
    const { demands, record } = await withExpiryRound(true);
    expect(await recordSecrecyDecision(demands, record.id, { ...withhold, kind: "approval", round: "review-1", action: "approve" } as ReviewDecisionEvent)).toBe(true);
    expect((await demands.get(record.id))!.record.secrecyDecisions).toBeUndefined();
  });
});

describe("R9: the reviewer is told the truth when the workflow did not take a secrecy decision at once", () => {
  it("R9: the order's end closed the round while the decision was being handed on: it counts, and the reviewer is told so, not to submit again", async () => {
    const record = aReviewedDemand({ status: "awaiting_secrecy_expiry", reviewRounds: [{ round: "secrecy-expiry-2", kind: "secrecy_expiry", open: true, decidedBy: [] }] });
    const world = await aReviewWorld(record);
    world.rounds.set(record.id, "secrecy-expiry-2", { kind: "secrecy_expiry", pool: "primary", open: true, decidedBy: [] });
    // The step at the order's end closes the round on the demand just as the hand-over to the workflow fails.
    const lifecycle = {
      raise: async () => {
        await closeRound(world.deps.demands, record.id);
        throw new Error("the task hub did not answer");
      },
    };
    const { cookie, csrf } = await world.sessionFor("ana@compliance.example");
    const fields = { confirm: "yes", round: "secrecy-expiry-2", csrf, intent: "decide", action: "withhold", withholdReason: "danger", comment: "The holder threatened the witness." };
    const response = await makeReviewDecisionHandler(async () => ({ ...world.deps, lifecycle: lifecycle as unknown as typeof world.deps.lifecycle }))(aReviewPost(record.id, fields, { cookie }), aContext());
    expect((await world.deps.demands.get(record.id))!.record.secrecyDecisions).toHaveLength(1);
    expect(response.status).toBe(202);
    expect(String(response.body)).toMatch(/recorded/i);
    expect(String(response.body)).not.toMatch(/nothing was recorded/i);
  });
});
