import { describe, expect, it } from "vitest";
import { makeRecordStepHandler } from "../../../activities/handlers/record-step";
import { makeCustomerObjectionHandler } from "../../../functions/handlers/customer-objection-handler";
import { makeReviewPageHandler } from "../../../functions/handlers/review-page-handler";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import type { Command } from "../../../shared/domain/lifecycle/decider";
import { DemandReviewRounds } from "../../../shared/use-cases/demand-review-rounds";
import { DeciderRun, aDecision } from "../../support/lifecycle-demands";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aContext, aJsonPost } from "../../support/http";
import { aPageGet, aReviewedDemand, aReviewWorld, NOW } from "./review-fixture";

const ANA = "ana@compliance.example";
const BEN = "ben@compliance.example";

/**
 * A review world whose rounds are the ones the lifecycle records on the demand (the decider's record commands applied by
 * the record-step activity, read back by DemandReviewRounds): what the review page really shows in a running system.
 */
async function aLiveWorld(record: DemandRecord = aReviewedDemand()) {
  const world = await aReviewWorld(record);
  const run = new DeciderRun(TEST_SETTINGS, record.id);
  const recordStep = makeRecordStepHandler(async () => ({ demands: world.deps.demands, audit: world.deps.audit }));
  const apply = async (commands: Command[], at: string) => {
    for (const c of commands) if (c.type === "record") await recordStep({ demandId: record.id, at, ...c });
  };
  const at = NOW.toISOString();
  await apply(
    run.feed({
      type: "started",
      at,
      demand: {
        id: record.id,
        rejected: false,
        closed: false,
        plan: record.plan!,
        scope: { categories: record.plan!.allowedCategories, targets: record.body.targets, dateRange: { from: record.body.dateRange.from, to: record.body.dateRange.to! } },
        secrecyOrders: [],
      },
    }),
    at,
  );
  const deps = { ...world.deps, reviewRounds: new DemandReviewRounds(world.deps.demands) };
  const page = async (email: string, round = "review-1") => {
    const { cookie } = await world.sessionFor(email);
    const response = await makeReviewPageHandler(async () => deps)(aPageGet(record.id, cookie, round), aContext());
    return { status: response.status, body: String(response.body ?? "") };
  };
  return { world, run, apply, page };
}

describe("the second reviewer of a content round (four eyes)", () => {
  it("sees and approves the scope the first reviewer narrowed, not the original, and sees that first decision", async () => {
    const live = await aLiveWorld();
    // Before any decision: everything the order allows (4 items, 5600 bytes, as in review-handlers.test.ts).
    expect((await live.page(BEN)).body).toContain(`<td id="preview-total-items">4</td>`);

    // Ana approves narrowed to identifier #1 only; the round stays open for a second, different reviewer.
    await live.apply(live.run.feed({ type: "review_decision", at: NOW.toISOString(), decision: aDecision("narrow", ANA, { narrowing: { targets: [0] }, comment: "Only the mailbox named in the affidavit." }) }), NOW.toISOString());
    expect(live.run.state.scope.targets).toHaveLength(1);

    const ben = await live.page(BEN);
    expect(ben.status).toBe(200);
    // What would leave if Ben approves: the narrowed scope (3 items, 5100 bytes), which is what the lifecycle releases.
    expect(ben.body).toContain(`<td id="preview-total-items">3</td>`);
    expect(ben.body).toContain(`<td id="preview-total-bytes">5100</td>`);
    // The narrowing form offers only what is still in scope: identifier #2 was removed by the first reviewer.
    expect(ben.body).not.toContain(`name="targets" value="1"`);
    // And Ben is told what the first reviewer decided.
    expect(ben.body).toMatch(/narrow/i);
    expect(ben.body).toContain("Only the mailbox named in the affidavit.");
  });
});

describe("a round reopened by a customer's objection (R5)", () => {
  it("shows the reviewers the objection they are asked to weigh", async () => {
    const live = await aLiveWorld();
    const at = NOW.toISOString();
    await live.apply(live.run.feed({ type: "review_decision", at, decision: aDecision("approve", ANA) }), at);
    await live.apply(live.run.feed({ type: "review_decision", at, decision: aDecision("approve", BEN) }), at);
    expect(live.run.state.phase).toBe("objection");
    const { record } = live.world;
    expect((await live.world.deps.demands.get(record.id))?.record.status).toBe("awaiting_notice_window");

    // Compliance staff record the customer's objection; the lifecycle reopens review.
    const objection = "The account holder is a journalist and the affidavit names a source, not the holder. Counsel will move to quash.";
    const request = aJsonPost({ summary: objection });
    request.params.id = record.id;
    const recorded = await makeCustomerObjectionHandler(async () => ({ demands: live.world.deps.demands, lifecycle: live.world.deps.lifecycle, now: () => NOW }))(request, aContext());
    expect(recorded.status).toBe(202);
    await live.apply(live.run.feed({ type: "customer_objection", at }), at);
    expect(live.run.state.round?.name).toBe("review-2");

    const page = await live.page(ANA, "review-2");
    expect(page.status).toBe(200);
    expect(page.body).toContain(objection);
  });
});
