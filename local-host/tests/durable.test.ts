import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DurableEngine } from "../src/durable/engine";
import type { RunningHost } from "../src/index";
import { getStatus, pollUntil, sideEffects, startFixtureHost, startOrchestration, tempDir, waitForStatus } from "./support";

describe("Durable Functions on the local host", () => {
  let host: RunningHost;
  const dir = tempDir("lh-durable-");
  const log = path.join(dir, "effects.log");

  beforeAll(async () => {
    host = await startFixtureHost(path.join(dir, "state"), { env: { FIXTURE_LOG: log } });
  });

  afterAll(async () => {
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const client = (op: string, id = "", arg = "", method = "POST", body?: unknown) =>
    fetch(`${host.url}/api/client/${op}/${encodeURIComponent(id)}${arg ? `/${arg}` : ""}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("runs sequential activities and a fan-out through the SDK's replay", async () => {
    const seq = await startOrchestration(host.url, "sequence", { id: "s1" });
    const fan = await startOrchestration(host.url, "fanOut", 12);
    expect((await waitForStatus(host.url, seq, ["Completed"])).output).toEqual(["s1-0", "s1-1", "s1-2", "s1-3", "s1-4"]);
    expect(((await waitForStatus(host.url, fan, ["Completed"])).output as string[]).length).toBe(12);
    const status = (await (await client("status", seq, "", "GET")).json()) as { history: Array<{ EventType: string }> };
    expect(status.history.filter((e) => e.EventType === "TaskCompleted")).toHaveLength(5);
  });

  it("looks for the earliest durable timer only when one was made, not after every episode (a scan of every instance)", async () => {
    const scans = vi.spyOn(DurableEngine.prototype, "nextTimerDue");
    try {
      const seq = await startOrchestration(host.url, "sequence", { id: "s-scan" });
      await waitForStatus(host.url, seq, ["Completed"]);
      // Six episodes and five activities, no timer: the start and the end may look (they can change what is pending), no episode does.
      expect(scans.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      scans.mockRestore();
    }
  });

  it("retries activities with backoff on the virtual clock and surfaces exhausted retries", async () => {
    const retrying = await startOrchestration(host.url, "retrying");
    const exhausted = await startOrchestration(host.url, "retryExhausted");
    await host.idle();
    expect((await getStatus(host.url, retrying)).runtimeStatus).toBe("Running");
    await host.clock.advance("PT10S");
    expect((await waitForStatus(host.url, retrying, ["Completed", "Failed"])).output).toBe("ok after 2 failures");
    expect((await waitForStatus(host.url, exhausted, ["Completed", "Failed"])).output).toBe("caught: true");
    expect(sideEffects(log).filter((l) => l === "alwaysFails")).toHaveLength(2);
  });

  it("runs sub-orchestrations with and without retry and explicit ids, propagating failures", async () => {
    const id = await startOrchestration(host.url, "parent", undefined, "parent-1");
    await host.clock.advance("PT5S");
    const status = await waitForStatus(host.url, id, ["Completed", "Failed"]);
    const output = status.output as { a: { parent: string }; b: { child: string }; failure: string };
    expect(status.runtimeStatus).toBe("Completed");
    expect(output.b.child).toBe("parent-1-named-child");
    expect(output.a.parent).toBe("parent-1");
    expect(output.failure).toBe("propagated");
    expect((await getStatus(host.url, "parent-1-named-child")).runtimeStatus).toBe("Completed");
  });

  it("keeps external events that arrive before the orchestrator waits, matched by name in order", async () => {
    const id = await startOrchestration(host.url, "events");
    for (const [name, value] of [["a", 1], ["b", 2], ["a", 3]] as const) {
      expect((await client("raise", id, name, "POST", value)).status).toBe(202);
    }
    expect((await waitForStatus(host.url, id, ["Completed", "Failed"])).output).toEqual([1, 2, 3]);
    const late = await fetch(`${host.url}/runtime/webhooks/durabletask/instances/${id}/raiseEvent/a`, { method: "POST", body: "4" });
    expect(late.status).toBe(410);
    expect((await fetch(`${host.url}/runtime/webhooks/durabletask/instances/nope/raiseEvent/a`, { method: "POST" })).status).toBe(404);
  });

  it("completes Task.any with the loser timer cancelled, without moving the clock", async () => {
    const before = host.clock.now();
    const id = await startOrchestration(host.url, "race");
    await client("raise", id, "approve", "POST", "yes");
    expect((await waitForStatus(host.url, id, ["Completed", "Failed"])).output).toBe("approved:yes");
    expect(host.clock.now() - before).toBeLessThan(60_000);
  });

  it("keeps an orchestration running until an uncancelled timer fires, as Azure does", async () => {
    const id = await startOrchestration(host.url, "forgetfulRace");
    await client("raise", id, "approve", "POST", "yes");
    await host.idle();
    expect((await getStatus(host.url, id)).runtimeStatus).toBe("Running");
    await host.clock.advance("P2D");
    expect((await getStatus(host.url, id)).runtimeStatus).toBe("Completed");
  });

  it("continues as new with custom status, and fails with details", async () => {
    const counter = await startOrchestration(host.url, "counter", 0);
    const done = await waitForStatus(host.url, counter, ["Completed", "Failed"]);
    expect(done.output).toBe(3);
    expect(done.customStatus).toEqual({ n: 3 });
    const failing = await startOrchestration(host.url, "failing");
    const failed = await waitForStatus(host.url, failing, ["Completed", "Failed"]);
    expect(failed.runtimeStatus).toBe("Failed");
    expect(String(failed.output)).toContain("kaput");
  });

  it("suspends, resumes and terminates; refuses to reuse a running instance id and allows it once finished", async () => {
    const id = await startOrchestration(host.url, "waiter", undefined, "waiter-1");
    await pollUntil(() => getStatus(host.url, id), (s) => s.customStatus === "waiting");
    expect((await client("suspend", id)).status).toBe(202);
    expect((await getStatus(host.url, id)).runtimeStatus).toBe("Suspended");
    await client("raise", id, "go", "POST", "queued while suspended");
    await host.idle();
    expect((await getStatus(host.url, id)).runtimeStatus).toBe("Suspended");
    const reuse = await fetch(`${host.url}/api/orchestrators/waiter/waiter-1`, { method: "POST" });
    expect(reuse.status).toBe(409);
    expect(await reuse.text()).toContain("already exists");
    expect((await client("resume", id)).status).toBe(202);
    expect((await waitForStatus(host.url, id, ["Completed"])).output).toBe("queued while suspended");

    const again = await startOrchestration(host.url, "waiter", undefined, "waiter-1");
    expect(again).toBe("waiter-1");
    await pollUntil(() => getStatus(host.url, id), (s) => s.customStatus === "waiting");
    expect((await client("terminate", id, "enough")).status).toBe(202);
    const terminated = await getStatus(host.url, id);
    expect(terminated).toMatchObject({ runtimeStatus: "Terminated", output: "enough" });
    const gone = await fetch(`${host.url}/runtime/webhooks/durabletask/instances/${id}/terminate?reason=x`, { method: "POST" });
    expect(gone.status).toBe(410);
  });

  it("lists with filters and continuation tokens, and purges", async () => {
    const from = new Date(host.clock.now()).toISOString();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await startOrchestration(host.url, "waiter", undefined, `listed-${i}`));
    await host.idle();
    const pages: string[][] = [];
    let token: string | null = null;
    do {
      const res: Response = await fetch(`${host.url}/runtime/webhooks/durabletask/instances?createdTimeFrom=${from}&runtimeStatus=Running&top=2`, {
        headers: token ? { "x-ms-continuation-token": token } : {},
      });
      expect(res.status).toBe(200);
      pages.push(((await res.json()) as Array<{ instanceId: string }>).map((s) => s.instanceId));
      token = res.headers.get("x-ms-continuation-token");
    } while (token);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().sort()).toEqual(ids.sort());
    const viaClient = (await (await client("list", "", "", "GET")).json()) as Array<{ instanceId: string }>;
    expect(viaClient.map((s) => s.instanceId)).toEqual(expect.arrayContaining(ids));

    await client("terminate", "listed-0", "purge me");
    expect(await (await client("purge", "listed-0", "", "DELETE")).json()).toEqual({ instancesDeleted: 1 });
    expect((await getStatus(host.url, "listed-0")).runtimeStatus).toBe("NotFound");
    expect((await fetch(`${host.url}/runtime/webhooks/durabletask/instances/listed-0`, { method: "DELETE" })).status).toBe(404);
  });

  it("fires a 400-day timer when the clock is advanced, with currentUtcDateTime from the clock", async () => {
    const id = await startOrchestration(host.url, "longTimer");
    await host.idle();
    await host.clock.advance("P399D");
    expect((await getStatus(host.url, id)).runtimeStatus).toBe("Running");
    const res = await fetch(`${host.url}/admin/clock`, { method: "POST", body: JSON.stringify({ advance: "P2D" }) });
    expect(res.status).toBe(200);
    const status = await getStatus(host.url, id);
    expect(status.runtimeStatus).toBe("Completed");
    const out = status.output as { start: string; woke: string; fireAt: string };
    // The virtual clock keeps running in real time after it is moved to the fire time, so the wake-up is at or just after it.
    const late = Date.parse(out.woke) - Date.parse(out.fireAt);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(60_000);
    const clock = (await (await fetch(`${host.url}/admin/clock`)).json()) as { now: string };
    expect(Date.parse(clock.now)).toBeGreaterThan(Date.parse(out.fireAt));
    expect(sideEffects(log).some((l) => l.startsWith("tick:"))).toBe(true);
  });
});
