import { describe, expect, it } from "vitest";
import { makeScheduleWakeHandler } from "../../../activities/handlers/schedule-wake";
import { aDemandRecord } from "../../support/builders";
import { InMemoryDemandStore } from "../../support/fakes";

/*
 * Activities are at-least-once on Azure: a schedule_wake from an earlier batch (a duplicate, or one that kept running
 * after its attempt was given up on) can land after a later batch's. Each write carries its batch's orchestration time
 * (`stamp`); the older one must not replace what the newer one wrote, or the demand is never woken at its deadline.
 */
async function world() {
  const demands = new InMemoryDemandStore();
  const record = aDemandRecord();
  await demands.create(record);
  const wake = makeScheduleWakeHandler(async () => ({ demands }));
  const stored = async () => (await demands.get(record.id))!.record.wakeAt;
  return { id: record.id, wake, stored };
}

describe("R9: a late, older schedule_wake never replaces a newer wake time", () => {
  it("R9: an older write of another wake time landing after a newer one leaves the newer wake time", async () => {
    const { id, wake, stored } = await world();
    await wake({ demandId: id, at: "2026-12-20T12:00:00.000Z", stamp: "2026-11-21T12:05:00.000Z" });
    await wake({ demandId: id, at: "2026-12-01T12:00:00.000Z", stamp: "2026-11-21T12:00:00.000Z" });
    expect(await stored()).toBe("2026-12-20T12:00:00.000Z");
  });

  it("R9: an older write that clears the wake, landing after a newer one, does not clear it (the deadline still fires)", async () => {
    const { id, wake, stored } = await world();
    await wake({ demandId: id, at: "2026-12-20T12:00:00.000Z", stamp: "2026-11-21T12:05:00.000Z" });
    await wake({ demandId: id, at: null, stamp: "2026-11-21T12:00:00.000Z" });
    expect(await stored()).toBe("2026-12-20T12:00:00.000Z");
  });

  it("R9: an older write is refused even after a newer one that wrote the wake time already stored", async () => {
    const { id, wake, stored } = await world();
    await wake({ demandId: id, at: "2026-12-20T12:00:00.000Z", stamp: "2026-11-21T12:00:00.000Z" });
    await wake({ demandId: id, at: "2026-12-20T12:00:00.000Z", stamp: "2026-11-21T12:10:00.000Z" });
    await wake({ demandId: id, at: null, stamp: "2026-11-21T12:05:00.000Z" });
    expect(await stored()).toBe("2026-12-20T12:00:00.000Z");
  });

  it("R9: a newer write, and one at the same orchestration time (the local host's frozen clock), still applies", async () => {
    const { id, wake, stored } = await world();
    await wake({ demandId: id, at: "2026-12-20T12:00:00.000Z", stamp: "2026-11-21T12:00:00.000Z" });
    await wake({ demandId: id, at: "2026-12-01T12:00:00.000Z", stamp: "2026-11-21T12:00:00.000Z" });
    expect(await stored()).toBe("2026-12-01T12:00:00.000Z");
    await wake({ demandId: id, at: null, stamp: "2026-11-21T12:01:00.000Z" });
    expect(await stored()).toBeUndefined();
  });
});
