import { describe, expect, it } from "vitest";
import { BatchDemandStore } from "../../../activities/batch-demand-store";
import { updateDemand } from "../../../shared/use-cases/update-demand";
import { aDemandRecord } from "../../support/builders";
import { InMemoryDemandStore } from "../../support/fakes";

/** An in-memory store that counts its reads. */
class CountingStore extends InMemoryDemandStore {
  reads = 0;
  override async get(id: string) {
    this.reads += 1;
    return super.get(id);
  }
}

async function world() {
  const record = aDemandRecord();
  const store = new CountingStore();
  await store.create(record);
  return { record, store, batch: new BatchDemandStore(store) };
}

describe("a batch of effects reads its demand once", () => {
  it("answers later reads, and reads for an update after its own write, from what it read or wrote", async () => {
    const { record, store, batch } = await world();
    await batch.get(record.id);
    await batch.get(record.id);
    await updateDemand(batch, record.id, (r) => ({ ...r, timeline: [...r.timeline, { id: "s-1", at: r.receivedAt, step: "first" }] }));
    await updateDemand(batch, record.id, (r) => ({ ...r, timeline: [...r.timeline, { id: "s-2", at: r.receivedAt, step: "second" }] }));
    expect(store.reads).toBe(1);
    const stored = await store.get(record.id);
    expect(stored!.record.timeline.map((t) => t.step).slice(-2)).toEqual(["first", "second"]);
    expect((await batch.get(record.id))!.etag).toBe(stored!.etag);
  });

  it("never overwrites another writer's change: a write based on what it read first loses, forgets it, and the retry builds on the change", async () => {
    const { record, store, batch } = await world();
    await batch.get(record.id);
    // A review decision recorded through the API while the batch runs.
    await updateDemand(store, record.id, (r) => ({ ...r, timeline: [...r.timeline, { id: "api", at: r.receivedAt, step: "from the API" }] }));
    await updateDemand(batch, record.id, (r) => ({ ...r, timeline: [...r.timeline, { id: "s-1", at: r.receivedAt, step: "from the batch" }] }));
    const steps = (await store.get(record.id))!.record.timeline.map((t) => t.step);
    expect(steps.slice(-2)).toEqual(["from the API", "from the batch"]);
  });

  it("answers a missing demand as missing every time (nothing is remembered of it)", async () => {
    const { store, batch } = await world();
    expect(await batch.get("dmd-none")).toBeNull();
    expect(await batch.get("dmd-none")).toBeNull();
    expect(store.reads).toBe(2);
  });
});
