import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHost, type RunningHost } from "../src/index";
import { getStatus, sideEffects, tempDir } from "./support";

/** The fixture whose orchestrations pair a pattern Azure punishes with the safe one. */
const strictApp = path.join(__dirname, "fixtures", "strict");

interface HistoryView {
  EventType: string;
  FireAt?: string;
}

describe("the local host is as strict as Azure's Durable extension", () => {
  let host: RunningHost;
  const dir = tempDir("lh-strict-");
  const log = path.join(dir, "effects.log");
  let counter = 0;

  beforeAll(async () => {
    host = await startHost({ appDir: strictApp, port: 0, stateDir: path.join(dir, "state"), adminEnabled: true, log: () => undefined, env: { FIXTURE_LOG: log } });
  });

  afterAll(async () => {
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const api = () => `${host.url}/runtime/webhooks/durabletask`;

  async function start(name: string, input?: unknown): Promise<string> {
    const id = `${name}-${++counter}`;
    const res = await fetch(`${api()}/orchestrators/${name}/${id}`, { method: "POST", body: input === undefined ? "" : JSON.stringify(input) });
    expect(res.status).toBe(202);
    await host.idle();
    return id;
  }

  async function raise(id: string, event: string): Promise<void> {
    expect((await fetch(`${api()}/instances/${id}/raiseEvent/${event}`, { method: "POST", body: "true" })).status).toBe(202);
    await host.idle();
  }

  async function history(id: string): Promise<HistoryView[]> {
    return ((await (await fetch(`${api()}/instances/${id}?showHistory=true`)).json()) as { history: HistoryView[] }).history;
  }

  const echoes = () => sideEffects(log).filter((l) => l.startsWith("echo:"));

  it("item 1: a cancelled long timer still fires; the SDK's ids drift and a later activity never returns (the safe race completes)", async () => {
    const unsafe = await start("unsafeCancelledLongTimer");
    const safe = await start("safeShortRaces");
    await host.clock.advance("P1D");
    await raise(unsafe, "go");
    await raise(safe, "go");
    const before = echoes().length;
    await host.clock.advance("P12D");
    // Both reached the activity on day 6, but only the safe one got its result back.
    expect(echoes().filter((l) => l === "echo:after").length).toBeGreaterThanOrEqual(2);
    expect(echoes().length).toBeGreaterThan(before);
    expect(await getStatus(host.url, safe)).toMatchObject({ runtimeStatus: "Completed", output: "echo:after" });
    expect((await getStatus(host.url, unsafe)).runtimeStatus).toBe("Running");
    // The cancelled timer's first slice was delivered on day 3 and recorded, as the Azure Storage provider does.
    const fired = (await history(unsafe)).filter((e) => e.EventType === "TimerFired");
    expect(fired.length).toBeGreaterThanOrEqual(2);
  });

  it("item 2: a long timer cancelled after a slice fired fails the instance with non-determinism on replay (the safe race completes)", async () => {
    const unsafe = await start("unsafeLongRaceThenActivity");
    const safe = await start("safeShortRacesThenActivity");
    await host.clock.advance("P4D");
    await raise(unsafe, "go");
    await raise(safe, "go");
    const failed = await getStatus(host.url, unsafe);
    expect(failed.runtimeStatus).toBe("Failed");
    expect(String(failed.output)).toContain("Non-Deterministic workflow detected");
    expect(await getStatus(host.url, safe)).toMatchObject({ runtimeStatus: "Completed", output: "echo:after" });
  });

  it("item 2, before day 3: the same unsafe orchestrator still completes (the hazard appears only once a slice fired)", async () => {
    const early = await start("unsafeLongRaceThenActivity");
    await raise(early, "go");
    expect(await getStatus(host.url, early)).toMatchObject({ runtimeStatus: "Completed", output: "echo:after" });
  });

  it("item 3: a timer reused in a second Task.any is scheduled again with a new id; the activity's result goes astray (fresh timers complete)", async () => {
    const unsafe = await start("unsafeReusedTimer");
    const safe = await start("safeFreshTimers");
    for (const event of ["a", "b"]) {
      await raise(unsafe, event);
      await raise(safe, event);
    }
    expect(await getStatus(host.url, safe)).toMatchObject({ runtimeStatus: "Completed", output: "echo:done" });
    // The extension created the reused timer twice (two TimerCreated for one SDK timer).
    expect((await history(unsafe)).filter((e) => e.EventType === "TimerCreated")).toHaveLength(2);
    expect((await getStatus(host.url, unsafe)).runtimeStatus).toBe("Running");
    await host.clock.advance("P3D");
    // The second timer's firing carries the activity's sequence id: the SDK resolves the activity with no result.
    expect(await getStatus(host.url, unsafe)).toMatchObject({ runtimeStatus: "Completed", output: null });
  });

  it("item 4: the extension re-walks the action list each episode; a timer created right after a cancelled race is measured from the race's episode", async () => {
    const unsafe = await start("unsafeTimerRightAfterCancelledRace");
    await host.clock.advance("P1D");
    await raise(unsafe, "go");
    const created = (await history(unsafe)).filter((e) => e.EventType === "TimerCreated").map((e) => e.FireAt ?? "");
    // The SDK asked for day 6; the extension created a 3-day slice counted from day 0.
    expect(created).toHaveLength(2);
    await host.clock.advance("P2DT1H");
    // Day 3: the slice fired, the SDK took it for its 5-day timer and went on to the activity two days early.
    expect(echoes()).toContain("echo:after");
    await host.clock.advance("P10D");
    // The activity's result went to another task: the orchestration returns without it.
    expect(await getStatus(host.url, unsafe)).toMatchObject({ runtimeStatus: "Completed", output: null });
  });

  it("item 5: an uncancelled long timer keeps the instance running until its final fire time", async () => {
    const id = await start("forgottenLongTimer");
    await raise(id, "go");
    await host.clock.advance("P4D");
    expect((await getStatus(host.url, id)).runtimeStatus).toBe("Running");
    await host.clock.advance("P5D");
    expect((await getStatus(host.url, id)).runtimeStatus).toBe("Running");
    await host.clock.advance("P2D");
    expect(await getStatus(host.url, id)).toMatchObject({ runtimeStatus: "Completed", output: "returned" });
  });

  it("item 5: slices a long timer as the extension does, moving to the final fire time only when less than 3 days remain", async () => {
    const id = await start("tenDayTimer");
    const started = host.clock.now();
    await host.clock.advance("P11D");
    expect(await getStatus(host.url, id)).toMatchObject({ runtimeStatus: "Completed", output: "woke" });
    const created = (await history(id)).filter((e) => e.EventType === "TimerCreated").map((e) => Date.parse(e.FireAt ?? ""));
    const days = created.map((t) => Math.round((t - started) / 86_400_000));
    expect(days).toEqual([3, 6, 9, 10]);
  });

  it("item 5: an activity running past host.json functionTimeout fails as Azure fails it", async () => {
    const id = await start("slowActivity", 1500);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await host.idle();
    const status = await getStatus(host.url, id);
    expect(status.runtimeStatus).toBe("Completed");
    expect(String(status.output)).toContain("Timeout value of 00:00:01 was exceeded by function: Functions.slow");
  });
});
