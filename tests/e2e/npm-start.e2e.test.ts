import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../scripts/emulators";
import { freePort } from "../../scripts/free-port";
import { StackClient, type CaughtMail } from "../../scripts/stack-client";
import { readStackInfo } from "../../scripts/stack-info";
import { aSubmission } from "../support/builders";

// What npm start runs (after building): the compiled start script, as the other e2e tests run the compiled app.
const START = path.join(PROJECT_ROOT, "dist", "scripts", "start-local.js");
const ANA = "ana.reviewer@contoso.example";
const BEN = "ben.reviewer@contoso.example";
const PAT = "pat@outlook.example";
const dir = mkdtempSync(path.join(tmpdir(), "lrw-npm-start-"));
const started: ChildProcess[] = [];

/** Starts the stack on `dir` (through `sh` when asked, as npm does), resolving once it says it is running. */
async function start(options: { port: number; oidcPort: number; viaShell?: boolean; fresh?: boolean }): Promise<{ proc: ChildProcess; stackPid: number; client: StackClient }> {
  const args = [START, ...(options.fresh === true ? ["--fresh"] : [])];
  // The staff OpenID provider's port is chosen free too (its default, PORT + 1, may be any process's ephemeral port here).
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(options.port), STAFF_OIDC_PORT: String(options.oidcPort), LRW_LOCAL_DIR: dir };
  delete env.npm_lifecycle_event;
  const proc = options.viaShell === true
    ? spawn("sh", ["-c", `"${process.execPath}" ${args.map((a) => `"${a}"`).join(" ")}; exit $?`], { env, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  started.push(proc);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output.slice(-3000)}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ctrl-C stops everything.")) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    proc.once("exit", (code) => reject(new Error(`npm start exited ${String(code)}:\n${output.slice(-3000)}`)));
  });
  proc.removeAllListeners("exit");
  const info = readStackInfo(dir);
  const stackPid = Number(readFileSync(path.join(dir, "stack.pid"), "utf8"));
  return { proc, stackPid, client: new StackClient(info.apiUrl, info.mailUrl, info.credential, info.staffPassword, info.adminKey) };
}

/** Every process below `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z "); // a zombie has ended
  } catch {
    return false;
  }
}

async function allGone(pids: number[], withinMs = 20_000): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  return pids.filter(alive);
}

const to = (address: string) => (m: CaughtMail) => m.to.some((t) => t.address === address);

/** Files the test builder's sound demand (dated around the wall clock) under `reference`. */
function submit(client: StackClient, reference: string): Promise<string> {
  const submission = aSubmission({}, new Date());
  submission.legalProcess.reference = reference;
  return client.submit(submission);
}

afterAll(async () => {
  for (const proc of started) if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("survives kill -9 with nothing lost and no notice twice, leaves no orphans, stops with npm, and --fresh starts clean", async () => {
    const port = await freePort();
    const oidcPort = await freePort();
    const run = Date.now().toString(36);
    const [A, B, C] = ["A", "B", "C"].map((x) => `CRASH-${run}-${x}`) as [string, string, string];

    // 1. Lifecycles in flight: A notified and in its objection window, B waiting for two reviewers, C just filed.
    const first = await start({ port, oidcPort });
    const a = await submit(first.client, A);
    for (const reviewer of [ANA, BEN]) expect(await first.client.decide(await first.client.reviewLink(A, reviewer), { action: "approve" })).toBe(200);
    await first.client.waitForMails(A, 1, to(PAT));
    const b = await submit(first.client, B);
    const linksB = [await first.client.reviewLink(B, ANA), await first.client.reviewLink(B, BEN)];
    const children = descendants(first.stackPid);
    expect(children.length).toBeGreaterThanOrEqual(3);
    const c = await submit(first.client, C);
    process.kill(first.stackPid, "SIGKILL");
    expect(await allGone(children)).toEqual([]);

    // 2. Started again (through a shell, as npm does) on the same port: everything is there and goes on.
    const second = await start({ port, oidcPort, viaShell: true });
    expect(second.client.credential).toBe(first.client.credential);
    expect(second.client.adminKey).toBe(first.client.adminKey);
    expect((await second.client.status(a)).status).not.toBe("closed");
    for (const link of linksB) expect(await second.client.decide(link, { action: "approve" })).toBe(200);
    await second.client.waitForMails(B, 1, to(PAT));
    await second.client.waitForMails(C, 2, (m) => /Review requested/.test(m.subject));
    await second.client.advance("P11D");
    for (const id of [a, b]) expect((await second.client.waitFor(id, (s) => s.status === "closed", "closing")).outcome).toBe("disclosed_content");
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await second.client.mails(A)).filter(to(PAT)).filter((m) => /Notice/i.test(m.subject))).toHaveLength(1);
    expect((await second.client.mails(B)).filter(to(PAT)).filter((m) => /Notice/i.test(m.subject))).toHaveLength(1);
    for (const reviewer of [ANA, BEN]) expect((await second.client.mails(C)).filter(to(reviewer)).filter((m) => /Review requested/.test(m.subject))).toHaveLength(1);
    expect((await second.client.status(c)).status).toBe("in_review");
    expect(statSync(path.join(dir, "keys", "admin.key")).mode & 0o777).toBe(0o600);

    // 3. The shell (npm's place) killed with -9: the stack notices and ends with all its children.
    const stackAndChildren = [second.stackPid, ...descendants(second.stackPid)];
    second.proc.kill("SIGKILL");
    expect(await allGone(stackAndChildren)).toEqual([]);

    // 4. --fresh starts clean; Ctrl-C stops everything.
    const third = await start({ port, oidcPort, fresh: true });
    expect(third.client.credential).not.toBe(first.client.credential);
    expect(third.client.adminKey).not.toBe(first.client.adminKey);
    expect((await third.client.api("GET", `/api/demands/${a}`)).status).toBe(404);
    expect(await third.client.mails(A)).toEqual([]);
    const thirdAll = [third.stackPid, ...descendants(third.stackPid)];
    process.kill(third.stackPid, "SIGINT");
    expect(await allGone(thirdAll)).toEqual([]);
    expect(existsSync(path.join(dir, "stack.pid"))).toBe(false);
  }, 420_000);
});
