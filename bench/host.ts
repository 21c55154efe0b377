import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startHost } from "../local-host/src/index";

const orchestrations = Number(process.env.BENCH_ORCHESTRATIONS ?? 300);
const events = Number(process.env.BENCH_EVENTS ?? 1000);
const fixtureApp = path.join(__dirname, "..", "local-host", "tests", "fixtures", "app");

interface Status {
  runtimeStatus: string;
  createdTime: string;
  lastUpdatedTime: string;
}

// The burst goes through a keep-alive agent (as a real sender would), so the figure measures the host rather than
// this process opening a socket per event.
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main(): Promise<void> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-host-"));
  const episodes: number[] = [];
  const host = await startHost({
    appDir: fixtureApp,
    port: 0,
    stateDir,
    activityConcurrency: 64,
    log: (level, message) => {
      if (level === "error") console.error(message);
    },
    onEpisode: (ms) => episodes.push(ms),
  });
  const api = `${host.url}/runtime/webhooks/durabletask`;
  try {
    const started = performance.now();
    const ids = await Promise.all(
      Array.from({ length: orchestrations }, async (_, i) => {
        const res = await fetch(`${api}/orchestrators/sequence/bench-${i}`, { method: "POST", body: JSON.stringify({ id: `b${i}` }) });
        if (res.status !== 202) throw new Error(`start failed: ${res.status}`);
        return `bench-${i}`;
      }),
    );
    await host.idle();
    const statuses = await Promise.all(ids.map(async (id) => (await (await fetch(`${api}/instances/${id}`)).json()) as Status));
    const elapsedS = (performance.now() - started) / 1000;
    if (statuses.some((s) => s.runtimeStatus !== "Completed")) throw new Error("not every orchestration completed");
    const perInstance = statuses.map((s) => 5 / Math.max(0.001, (Date.parse(s.lastUpdatedTime) - Date.parse(s.createdTime)) / 1000));

    const collector = "bench-collector";
    await fetch(`${api}/orchestrators/collector/${collector}`, { method: "POST", body: String(events) });
    await host.idle();
    const burstStart = performance.now();
    await Promise.all(
      Array.from({ length: events }, async () => {
        const status = await post(`${api}/instances/${collector}/raiseEvent/e`, "1");
        if (status !== 202) throw new Error(`raise failed: ${status}`);
      }),
    );
    await host.idle();
    const collected = (await (await fetch(`${api}/instances/${collector}`)).json()) as Status & { output: number };
    const burstS = (performance.now() - burstStart) / 1000;
    if (collected.runtimeStatus !== "Completed" || collected.output !== events) throw new Error("event burst was not fully processed");

    const result = {
      orchestrations,
      orchestrationsPerSec: Math.round(orchestrations / elapsedS),
      activitiesPerSec: Math.round((orchestrations * 5) / elapsedS),
      sequentialActivitiesPerSecPerInstanceP50: Math.round(percentile(perInstance, 50)),
      events,
      eventsPerSec: Math.round(events / burstS),
      episodes: episodes.length,
      p99EpisodeLatencyMs: Math.round(percentile(episodes, 99) * 10) / 10,
    };
    console.log(JSON.stringify(result));
  } finally {
    agent.destroy();
    await host.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
