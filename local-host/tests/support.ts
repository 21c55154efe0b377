import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startHost } from "../src/index";
import type { HostOptions, RunningHost } from "../src/index";

/** The fixture app every host test runs. */
export const fixtureApp = path.join(__dirname, "fixtures", "app");

/** A fresh temporary directory, removed by `cleanup`. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts the fixture app in-process on an ephemeral port with a quiet log. */
export function startFixtureHost(stateDir: string, extra: Partial<HostOptions> = {}): Promise<RunningHost> {
  return startHost({
    appDir: fixtureApp,
    port: 0,
    stateDir,
    adminEnabled: true,
    log: () => undefined,
    ...extra,
  });
}

/** Polls `read` until `done` holds for its value, failing with the last value after the deadline. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, deadlineMs = 20_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`Condition not met before the deadline; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
  return last;
}

/** A status as the Durable HTTP API returns it. */
export interface Status {
  instanceId: string;
  runtimeStatus: string;
  output: unknown;
  customStatus: unknown;
  input: unknown;
}

/** Starts an orchestration through the fixture's HTTP starter (which uses the SDK's DurableClient). */
export async function startOrchestration(url: string, name: string, input?: unknown, instanceId?: string): Promise<string> {
  const res = await fetch(`${url}/api/orchestrators/${name}${instanceId ? `/${instanceId}` : ""}`, {
    method: "POST",
    body: input === undefined ? "" : JSON.stringify(input),
  });
  if (res.status !== 202) throw new Error(`start ${name} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Reads an instance's status straight from the Durable HTTP API. */
export async function getStatus(url: string, id: string): Promise<Status> {
  const res = await fetch(`${url}/runtime/webhooks/durabletask/instances/${encodeURIComponent(id)}`);
  if (res.status === 404) return { instanceId: id, runtimeStatus: "NotFound", output: null, customStatus: null, input: null };
  return (await res.json()) as Status;
}

/** Waits until an instance reaches one of `statuses`. */
export function waitForStatus(url: string, id: string, statuses: string[], deadlineMs?: number): Promise<Status> {
  return pollUntil(() => getStatus(url, id), (s) => statuses.includes(s.runtimeStatus), deadlineMs);
}

/** A host running as a child process through the CLI (TypeScript via tsx). */
export interface ChildHost {
  url: string;
  process: ChildProcess;
  output: () => string;
}

/** Starts the CLI as a child process and resolves once it prints its ready line. */
export function spawnHost(stateDir: string, env: Record<string, string> = {}): Promise<ChildHost> {
  const repoRoot = path.resolve(__dirname, "..", "..");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(repoRoot, "local-host", "src", "cli.ts"), "--app", fixtureApp, "--port", "0", "--state", stateDir, "--admin"],
    { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /LOCAL_HOST_READY (\S+)/.exec(output);
      if (match?.[1]) resolve({ url: match[1], process: child, output: () => output });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`host exited early (${code}): ${output}`)));
  });
}

/** Kills a child host with SIGKILL and waits for it to be gone. */
export function killHard(host: ChildHost): Promise<void> {
  return new Promise((resolve) => {
    if (host.process.exitCode !== null || host.process.signalCode !== null) {
      resolve();
      return;
    }
    host.process.once("exit", () => resolve());
    host.process.kill("SIGKILL");
  });
}

/** Lines of the fixture's side-effect log. */
export function sideEffects(file: string): string[] {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "") : [];
}
