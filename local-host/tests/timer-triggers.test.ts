import { describe, expect, it } from "vitest";
import type { AppInvoker } from "../src/app/invoker";
import type { Registration } from "../src/app/core-api";
import type { Journal } from "../src/store/journal";
import { VirtualClock } from "../src/time/clock";
import { TimerTriggers } from "../src/time/timer-triggers";

interface TimerCall {
  isPastDue: boolean;
  scheduleStatus: { last: string; next?: string; lastUpdated: string };
}

/** One timer function on `schedule` at virtual time `nowIso`, with the calls it receives. */
function triggersAt(schedule: string, nowIso: string) {
  const clock = new VirtualClock();
  clock.setNow(Date.parse(nowIso));
  const reg = { metadata: { name: "tick", bindings: { t: { type: "timerTrigger", direction: "in", schedule } } }, handler: () => undefined } as unknown as Registration;
  const calls: TimerCall[] = [];
  const invoker = {
    byTrigger: (type: string) => (type === "timerTrigger" ? [reg] : []),
    context: () => ({}),
    invoke: async (_reg: Registration, inputs: unknown[]) => {
      calls.push(inputs[0] as TimerCall);
    },
  } as unknown as AppInvoker;
  const journal = { records: () => [], put: () => undefined } as unknown as Journal;
  const triggers = new TimerTriggers(invoker, clock, journal, (work) => work(), () => undefined);
  return { triggers, clock, calls };
}

describe("timer triggers when the clock jumps (missed occurrences coalesced into one past-due call, as Azure)", () => {
  it("fires once at the latest occurrence, however many were missed (a month of a per-second schedule)", async () => {
    const { triggers, clock, calls } = triggersAt("* * * * * *", "2026-01-01T00:00:00.000Z");
    const upTo = Date.parse("2026-01-31T12:34:56.700Z");
    expect(triggers.latestOccurrenceUpTo(upTo)).toBe(Date.parse("2026-01-31T12:34:56.000Z"));
    clock.setNow(upTo);
    await Promise.all(triggers.fireDue(upTo));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ isPastDue: true, scheduleStatus: { lastUpdated: "2026-01-31T12:34:56.000Z", next: "2026-01-31T12:34:57.000Z" } });
  });

  it("a jump onto the next occurrence fires it on time, not past due; a daily schedule over 40 days fires at the last midnight", async () => {
    const minute = triggersAt("0 * * * * *", "2026-03-01T10:00:30.000Z");
    await Promise.all(minute.triggers.fireDue(Date.parse("2026-03-01T10:01:00.000Z")));
    expect(minute.calls).toMatchObject([{ isPastDue: false, scheduleStatus: { lastUpdated: "2026-03-01T10:01:00.000Z" } }]);

    const daily = triggersAt("0 15 0 * * *", "2026-03-01T10:00:00.000Z");
    const upTo = Date.parse("2026-04-10T00:14:59.000Z");
    daily.clock.setNow(upTo);
    await Promise.all(daily.triggers.fireDue(upTo));
    expect(daily.calls).toMatchObject([{ isPastDue: true, scheduleStatus: { lastUpdated: "2026-04-09T00:15:00.000Z", next: "2026-04-10T00:15:00.000Z" } }]);
  });

  it("a timespan schedule jumps the same way", async () => {
    const { triggers, calls } = triggersAt("00:05:00", "2026-05-01T00:00:00.000Z");
    await Promise.all(triggers.fireDue(Date.parse("2026-05-03T07:12:00.000Z")));
    expect(calls).toMatchObject([{ isPastDue: true, scheduleStatus: { lastUpdated: "2026-05-03T07:10:00.000Z" } }]);
  });
});
