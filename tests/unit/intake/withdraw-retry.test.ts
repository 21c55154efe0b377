import { describe, expect, it } from "vitest";
import { withdrawDemand } from "../../../shared/use-cases/withdraw-demand";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";
import { InMemoryDemandStore, RecordingLifecycle } from "../../support/fakes";

/**
 * R4: a requester that sends its withdrawal twice (a double click, a client retrying after a timeout) before the
 * lifecycle has applied the first must not withdraw twice: a second event reaches a closed demand and is recorded as
 * "withdrawal not applied", and the requester's timeline shows the request twice.
 */
async function inReview(overrides: Parameters<typeof aDemandRecord>[0] = {}) {
  const demands = new InMemoryDemandStore();
  const lifecycle = new RecordingLifecycle();
  const record = aDemandRecord({ status: "in_review", ...overrides });
  await demands.create(record);
  const deps = { demands, lifecycle, audit: new MemoryAuditLog(), now: () => TEST_NOW };
  return { demands, lifecycle, record, withdraw: () => withdrawDemand(deps, record.requesterId, record.id) };
}

const requested = (steps: { step: string }[]) => steps.filter((t) => t.step === "withdrawal requested").length;

describe("R4: a withdrawal sent again before the lifecycle applied the first", () => {
  it("R4: is passed to the lifecycle and recorded once", async () => {
    const { demands, lifecycle, record, withdraw } = await inReview();
    await withdraw();
    const again = await withdraw();
    expect(lifecycle.events).toEqual([{ demandId: record.id, name: "RequesterAction", payload: { action: "withdraw" } }]);
    expect(requested(again.timeline)).toBe(1);
    expect(requested((await demands.get(record.id))!.record.timeline)).toBe(1);
  });

  it("R4: is passed on again once the lifecycle recorded the earlier one as not applied", async () => {
    const at = TEST_NOW.toISOString();
    const { lifecycle, withdraw } = await inReview({
      timeline: [
        { at, step: "received" },
        { at, step: "withdrawal requested", detail: "The requester withdrew the demand." },
        { at, step: "withdrawal not applied" },
      ],
    });
    await withdraw();
    expect(lifecycle.events).toHaveLength(1);
  });
});
