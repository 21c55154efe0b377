import { describe, expect, it } from "vitest";
import { makeCustomerObjectionHandler } from "../../../functions/handlers/customer-objection-handler";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, RecordingLifecycle } from "../../support/fakes";
import { aContext, aJsonPost } from "../../support/http";

/**
 * R5/R8: an objection the lifecycle acts on (it re-opens a round "with the objection in view") must be on the demand,
 * where the review page shows it to the reviewers asked again, whatever write fails; and staff who send it again (a
 * retry after a 500, a double click) record and pass it on once.
 */
const SUMMARY = "Pat objects and is seeking a protective order.";

/** A demand store whose replace fails on the calls numbered in `failing` (1-based), as a store outage would. */
class FlakyDemandStore extends InMemoryDemandStore {
  private calls = 0;
  constructor(private readonly failing: ReadonlySet<number>) {
    super();
  }
  override async replace(record: DemandRecord, etag: string): Promise<string | null> {
    this.calls += 1;
    if (this.failing.has(this.calls)) throw new Error("store unavailable");
    return super.replace(record, etag);
  }
}

async function setup(failing: number[] = []) {
  const demands = new FlakyDemandStore(new Set(failing));
  const lifecycle = new RecordingLifecycle();
  const record = aDemandRecord({ status: "in_review" });
  await demands.create(record);
  const handler = makeCustomerObjectionHandler(async () => ({ demands, lifecycle, now: () => TEST_NOW }));
  const post = () => {
    const request = aJsonPost({ summary: SUMMARY });
    Object.assign(request.params, { id: record.id });
    return handler(request, aContext());
  };
  const objections = async () => (await demands.get(record.id))!.record.customerObjections ?? [];
  return { lifecycle, post, objections };
}

describe("R5: a customer's objection recorded by staff, with failures and retries", () => {
  it.each([[1], [2]])("R5: when store write #%i fails, an objection the lifecycle was told of is on the demand", async (failing) => {
    const { lifecycle, post, objections } = await setup([failing]);
    await post();
    if (lifecycle.events.length > 0) expect((await objections()).map((o) => o.summary)).toEqual([SUMMARY]);
  });

  it("R5: a retry after a failed write completes it: recorded once, passed on", async () => {
    const { lifecycle, post, objections } = await setup([1]);
    expect((await post()).status).toBe(500);
    expect((await post()).status).toBe(202);
    expect((await objections()).map((o) => o.summary)).toEqual([SUMMARY]);
    expect(lifecycle.events.map((e) => e.name)).toEqual(["CustomerObjection"]);
  });

  it("R5: the same objection sent twice is recorded and passed on once", async () => {
    const { lifecycle, post, objections } = await setup();
    expect((await post()).status).toBe(202);
    expect((await post()).status).toBe(202);
    expect(await objections()).toHaveLength(1);
    expect(lifecycle.events).toHaveLength(1);
  });
});
