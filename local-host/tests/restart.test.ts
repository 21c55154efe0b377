import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getStatus, killHard, pollUntil, sideEffects, spawnHost, startOrchestration, tempDir, waitForStatus, type ChildHost } from "./support";

describe("durable state across host restarts", () => {
  const dir = tempDir("lh-restart-");
  const hosts: ChildHost[] = [];

  afterAll(async () => {
    for (const host of hosts) await killHard(host);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("resumes every lifecycle after SIGKILL mid-flight, running each activity at least once", async () => {
    const state = path.join(dir, "kill-state");
    const log = path.join(dir, "kill-effects.log");
    const env = { FIXTURE_LOG: log };
    const first = await spawnHost(state, env);
    hosts.push(first);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await startOrchestration(first.url, "sequence", { id: `k${i}`, delayMs: 150 }));
    const waiter = await startOrchestration(first.url, "waiter", undefined, "survivor");
    const timer = await startOrchestration(first.url, "longTimer");
    // Kill once some, but not all, activities have run.
    await pollUntil(async () => sideEffects(log).length, (n) => n >= 8);
    await killHard(first);
    const before = sideEffects(log).length;
    expect(before).toBeLessThan(40);

    const second = await spawnHost(state, env);
    hosts.push(second);
    for (const [i, id] of ids.entries()) {
      const status = await waitForStatus(second.url, id, ["Completed", "Failed"], 30_000);
      expect(status.output).toEqual([0, 1, 2, 3, 4].map((n) => `k${i}-${n}`));
    }
    const lines = sideEffects(log);
    for (let i = 0; i < 8; i++) {
      for (let n = 0; n < 5; n++) {
        const count = lines.filter((l) => l === `step:k${i}:${n}`).length;
        // At-least-once: an activity in flight at the kill runs again, nothing runs more than twice.
        expect(count).toBeGreaterThanOrEqual(1);
        expect(count).toBeLessThanOrEqual(2);
      }
    }
    expect(lines.length).toBeLessThanOrEqual(40 + 8);
    expect((await getStatus(second.url, waiter)).runtimeStatus).toBe("Running");
    await fetch(`${second.url}/runtime/webhooks/durabletask/instances/${waiter}/raiseEvent/go`, { method: "POST", body: '"after restart"' });
    expect((await waitForStatus(second.url, waiter, ["Completed"])).output).toBe("after restart");

    // The clock offset and pending durable timers persist too.
    const advanced = (await (await fetch(`${second.url}/admin/clock`, { method: "POST", body: JSON.stringify({ advance: "P200D" }) })).json()) as { now: string };
    await killHard(second);
    const third = await spawnHost(state, env);
    hosts.push(third);
    const clock = (await (await fetch(`${third.url}/admin/clock`)).json()) as { now: string };
    expect(Date.parse(clock.now)).toBeGreaterThanOrEqual(Date.parse(advanced.now));
    expect((await getStatus(third.url, timer)).runtimeStatus).toBe("Running");
    await fetch(`${third.url}/admin/clock`, { method: "POST", body: JSON.stringify({ advance: "P201D" }) });
    expect((await getStatus(third.url, timer)).runtimeStatus).toBe("Completed");
    await killHard(third);
  });

  it("fails an instance whose orchestrator code changed between runs with a non-determinism error", async () => {
    const state = path.join(dir, "nd-state");
    const first = await spawnHost(state);
    hosts.push(first);
    const id = await startOrchestration(first.url, "versioned", undefined, "versioned-1");
    await pollUntil(
      async () => (await (await fetch(`${first.url}/runtime/webhooks/durabletask/instances/${id}?showHistory=true`)).json()) as { history?: Array<{ EventType: string }> },
      (s) => (s.history ?? []).some((e) => e.EventType === "TaskCompleted"),
    );
    await killHard(first);

    const second = await spawnHost(state, { FIXTURE_VARIANT: "changed" });
    hosts.push(second);
    await fetch(`${second.url}/runtime/webhooks/durabletask/instances/${id}/raiseEvent/go`, { method: "POST" });
    const status = await waitForStatus(second.url, id, ["Completed", "Failed"]);
    expect(status.runtimeStatus).toBe("Failed");
    expect(String(status.output)).toContain("Non-Deterministic workflow detected");
    await killHard(second);
  });
});
