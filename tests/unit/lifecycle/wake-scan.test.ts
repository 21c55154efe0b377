import { describe, expect, it } from "vitest";
import type { MailMessage } from "../../../shared/ports/mailer";
import { wakeDueLifecycles } from "../../../shared/use-cases/wake-due-lifecycles";
import { aDemandRecord } from "../../support/builders";
import { InMemoryDemandStore, OnceLedger, RecordingLifecycle } from "../../support/fakes";

async function world() {
  const demands = new InMemoryDemandStore();
  await demands.create(aDemandRecord({ id: "dmd-due", status: "in_review", wakeAt: "2026-05-01T00:00:00.000Z" }));
  await demands.create(aDemandRecord({ id: "dmd-gone", status: "in_review", wakeAt: "2026-04-01T00:00:00.000Z" }));
  await demands.create(aDemandRecord({ id: "dmd-later", status: "in_review", wakeAt: "2026-07-01T00:00:00.000Z" }));
  await demands.create(aDemandRecord({ id: "dmd-parked", status: "needs_operator" }));
  const lifecycle = new RecordingLifecycle();
  const mails: MailMessage[] = [];
  const logs: string[] = [];
  const deps = {
    demands,
    audit: { append: async () => { throw new Error("unused"); }, list: async () => [], listEntryTimesBetween: async () => [], firstEntryAt: async () => null },
    lifecycle,
    ledger: new OnceLedger(),
    mailer: { send: async (m: MailMessage) => (mails.push(m), { messageId: String(mails.length) }) },
    operators: ["ops@provider.example"],
    historyRetentionDays: 90,
    now: () => new Date("2026-06-01T00:00:00.000Z"),
    log: (m: string) => void logs.push(m),
  };
  return { deps, lifecycle, mails, logs };
}

describe("the scheduled lifecycle scan (deadlines kept as data; nothing silently stuck)", () => {
  it("wakes every open demand whose deadline has come, earliest first, and goes on past one that refuses", async () => {
    const { deps, lifecycle } = await world();
    lifecycle.refusing.add("dmd-gone");
    const result = await wakeDueLifecycles(deps);
    expect(lifecycle.events).toEqual([{ demandId: "dmd-due", name: "Tick", payload: { wakeAt: "2026-05-01T00:00:00.000Z" } }]);
    expect(result).toMatchObject({ woken: 1, needingOperator: 1 });
  });

  it("a full batch of due demands whose instances refuse every Tick (failed, terminated) does not hide the due demands behind them", async () => {
    const { deps, lifecycle } = await world();
    // Failed instances keep their stored wake (only their lifecycle could move it): they stay first in wake order.
    for (let i = 0; i < 500; i++) {
      const id = `dmd-failed-${String(i).padStart(3, "0")}`;
      await deps.demands.create(aDemandRecord({ id, status: "collecting", wakeAt: "2026-03-01T00:00:00.000Z" }));
      lifecycle.refusing.add(id);
    }
    lifecycle.refusing.add("dmd-gone");
    await wakeDueLifecycles(deps);
    expect(lifecycle.events.map((e) => e.demandId)).toEqual(["dmd-due"]);
  });

  it("a full batch of demands whose lifecycle failed at its first step (still 'received') does not keep the scan from starting those behind them", async () => {
    const { deps, lifecycle } = await world();
    for (let i = 0; i < 500; i++) {
      const id = `dmd-failed-${String(i).padStart(3, "0")}`;
      await deps.demands.create(aDemandRecord({ id, status: "received", receivedAt: "2026-03-01T00:00:00.000Z" }));
      lifecycle.failed.push(id);
    }
    await deps.demands.create(aDemandRecord({ id: "dmd-unstarted", status: "received", receivedAt: "2026-05-01T00:00:00.000Z" }));
    const audit = { ...deps.audit, append: async () => ({}) as never }; // the receipt is audited before the start
    await wakeDueLifecycles({ ...deps, audit });
    expect(lifecycle.started.has("dmd-unstarted")).toBe(true);
  });

  it("reports parked demands and failed lifecycle instances, mailing operators once per failed instance", async () => {
    const { deps, lifecycle, mails, logs } = await world();
    lifecycle.failed = ["dmd-broken"];
    await wakeDueLifecycles(deps);
    await wakeDueLifecycles(deps);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: ["ops@provider.example"], subject: "Demand lifecycle failed: dmd-broken" });
    expect(logs.some((l) => l.includes("1 demand(s) need an operator"))).toBe(true);
    expect(logs.some((l) => l.includes("1 demand lifecycle(s) failed"))).toBe(true);
  });

  it("tells operators to rewind a failed lifecycle, never to restart it (a restart begins again at the first review with the failed run's records in place)", async () => {
    const { deps, lifecycle, mails } = await world();
    lifecycle.failed = ["dmd-broken"];
    await wakeDueLifecycles(deps);
    const text = String(mails[0]?.text);
    expect(text).toContain("rewind");
    expect(text).not.toMatch(/restart or rewind/);
    expect(text).toMatch(/do not restart/i);
  });
  it("durable: the failed-instance query (a scan of the whole instances table on Azure Storage) runs once an hour, not on every run", async () => {
    const { deps, lifecycle, mails } = await world();
    let at = new Date("2026-06-01T00:00:00.000Z").getTime();
    const run = () => wakeDueLifecycles({ ...deps, now: () => new Date(at) });
    for (let minute = 0; minute < 60; minute += 1, at += 60_000) await run();
    expect(lifecycle.failedQueries).toBe(1);
    lifecycle.failed = ["dmd-gone"];
    await run(); // the next hour
    expect(lifecycle.failedQueries).toBe(2);
    expect(mails.map((m) => m.subject)).toEqual(["Demand lifecycle failed: dmd-gone"]);
  });

  it("durable: purges finished lifecycles' durable history once a day, for instances created more than 90 days before; failed ones are kept", async () => {
    const { deps, lifecycle } = await world();
    let at = new Date("2026-06-01T00:00:00.000Z").getTime();
    for (let hour = 0; hour < 30; hour += 1, at += 3_600_000) await wakeDueLifecycles({ ...deps, now: () => new Date(at) });
    expect(lifecycle.purges.map((d) => d.toISOString())).toEqual(["2026-03-03T00:00:00.000Z", "2026-03-04T00:00:00.000Z"]);
  });

  it("durable: the retention is the operator's LIFECYCLE_HISTORY_RETENTION_DAYS (default 90), e.g. a benchmark that reads histories keeps them", async () => {
    const { deps, lifecycle } = await world();
    await wakeDueLifecycles({ ...deps, historyRetentionDays: 365 });
    expect(lifecycle.purges.map((d) => d.toISOString())).toEqual(["2025-06-01T00:00:00.000Z"]);
  });
});
