/**
 * npm run bench:lifecycle — what a reviewer and an agency wait for (issue 17). Starts the stack as bench:intake does,
 * then drives demands of four ordinary paths through the public API and the review pages (StackClient.decide signs
 * in as the reviewer), moving the host's clock (/admin/clock) where the lifecycle waits:
 *   consumer_subpoena       a subpoena for subscriber information, one approval, the notice window, delivery
 *   two_reviewer_warrant    a warrant for mail content, two approvals, the notice window, delivery
 *   enterprise_redirect     an enterprise customer's data: redirect, the requester answers that it cannot go to the
 *                           customer, a reviewer accepts the reason, an approval, delivery
 *   secrecy_order_expiring  a warrant with a 180-day secrecy order: approval, delivery, the order expires, delayed notice
 * Demands run in waves of --concurrency; the clock only moves when every demand of the wave waits for it.
 * Per path: time from the deciding click's answer to the "delivered" step observed (polling every 25 ms; where a
 * notice window lies between, the virtual wait is cut out: click → notice window reached, plus clock move sent →
 * delivered, polled while the move runs, since the host answers a move only when all the work it caused is done), and the largest orchestration history, counted as the Azure Storage provider stores it (see
 * historyOf). Each path asks one category, and every demo account gets one item of --package-mib (10) in each of
 * those categories, dated inside the demand's range, so every delivered package holds about that much. Before the
 * timed demands, a wave of demands of every path runs untimed (as bench:intake warms up): the host's first disclosures
 * compile code, start the digest thread and open as many connections as a wave uses, which a running host has long done.
 * Options: --demands 500 --concurrency 10 --package-mib 10 --cpu-prof <dir> (profiles the host). The last line is JSON.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import nodePath from "node:path";
import { parseArgs } from "node:util";
import type { DemandBody } from "../shared/domain/demand";
import { dayFrom, previousHalfYear } from "../scripts/relative-dates";
import { demoSubmission, poll, type DemandStatusBody, type StackClient } from "../scripts/stack-client";
import { percentile, startBenchStack, type BenchStack } from "./bench-stack";

const ANA = "ana.reviewer@contoso.example";
const BEN = "ben.reviewer@contoso.example";
const STEP_DEADLINE_MS = 180_000;

type PathName = "consumer_subpoena" | "two_reviewer_warrant" | "enterprise_redirect" | "secrecy_order_expiring";
const PATHS: readonly PathName[] = ["consumer_subpoena", "two_reviewer_warrant", "enterprise_redirect", "secrecy_order_expiring"];

interface DemandResult {
  decisionToDeliveredMs: number;
  historyEvents: number;
  /** The events of the host's showHistory view by type, to see what made a long history long. */
  historyTypes: Record<string, number>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      demands: { type: "string", default: "500" },
      concurrency: { type: "string", default: "10" },
      "package-mib": { type: "string", default: "10" },
      "cpu-prof": { type: "string" },
    },
  });
  const total = Number(values.demands);
  const concurrency = Math.max(1, Number(values.concurrency));
  const packageMiB = Number(values["package-mib"]);
  const profileDir = values["cpu-prof"];
  const stack = await startBenchStack(profileDir === undefined ? {} : { hostNodeArgs: ["--cpu-prof", "--cpu-prof-dir", profileDir] });
  await addLargeItems(stack.customerDataDir, packageMiB);
  const started = Date.now();
  const runId = started.toString(36);
  const summary = [];
  try {
    // As many as a wave, every path among them: a wave's disclosures at once need as many connections to the stores.
    const warmUpPaths = Array.from({ length: Math.max(PATHS.length, concurrency) }, (_, i) => PATHS[i % PATHS.length]!);
    const warmUp = new ClockGate(stack.client, warmUpPaths.length);
    await Promise.all(warmUpPaths.map((path, i) => drive(stack, path, `${path}-${runId}-warm-up-${i}`, warmUp)));
    await fetch(`${stack.mailUrl}/email/all`, { method: "DELETE" });
    for (const [index, path] of PATHS.entries()) {
      // The demands are shared out over the paths as evenly as they go.
      const count = Math.floor(total / PATHS.length) + (index < total % PATHS.length ? 1 : 0);
      const results: DemandResult[] = [];
      for (let done = 0; done < count; done += concurrency) {
        const wave = Math.min(concurrency, count - done);
        const gate = new ClockGate(stack.client, wave);
        results.push(...(await Promise.all(Array.from({ length: wave }, (_, i) => drive(stack, path, `${path}-${runId}-${done + i}`, gate)))));
        // Keep the mail catcher small: the next wave's links are found by listing every mail.
        await fetch(`${stack.mailUrl}/email/all`, { method: "DELETE" });
      }
      const times = results.map((r) => r.decisionToDeliveredMs);
      const row = {
        path,
        demands: results.length,
        decisionToDeliveredP50Ms: Math.round(percentile(times, 50)),
        decisionToDeliveredP99Ms: Math.round(percentile(times, 99)),
        maxHistoryEvents: Math.max(0, ...results.map((r) => r.historyEvents)),
      };
      const longest = results.reduce((a, b) => (b.historyEvents > a.historyEvents ? b : a));
      console.log(`${path}: ${JSON.stringify(row)} (${Math.round((Date.now() - started) / 1000)} s so far; longest history's events ${JSON.stringify(longest.historyTypes)})`);
      summary.push(row);
    }
    const wallSeconds = Math.round((Date.now() - started) / 100) / 10;
    console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log(JSON.stringify({ paths: summary, wallSeconds }));
  } finally {
    await stack.stop();
  }
}

/** One demand from filing to closed; answers its decision-to-delivered time and its history length. */
async function drive(stack: BenchStack, path: PathName, reference: string, gate: ClockGate): Promise<DemandResult> {
  const client = stack.client;
  try {
    const hostNow = await client.clock();
    const id = await client.submit({ ...demoSubmission(reference, overridesFor(path, reference, hostNow), hostNow), dateRange: previousHalfYear(new Date()) });
    let anaLinks = 0;
    if (path === "enterprise_redirect") {
      await waitForStatus(client, id, (s) => s.status === "awaiting_redirect");
      const reason = { reason: "A court found that approaching the company would alert the suspect, its chief executive." };
      const answered = await client.api("POST", `/api/demands/${id}/cannot-redirect`, reason);
      if (answered.status !== 202) throw new Error(`cannot-redirect answered ${answered.status}`);
      await expectOk(client.decide(await nextLink(client, reference, ANA, anaLinks), { action: "accept_reason", comment: "Court finding attached." }, ANA));
      anaLinks += 1;
    }
    const reviewers = path === "two_reviewer_warrant" ? [ANA, BEN] : [ANA];
    // A review link names no reviewer: the one it was mailed to signs in to decide.
    for (const reviewer of reviewers) await expectOk(client.decide(await nextLink(client, reference, reviewer, reviewer === ANA ? anaLinks : 0), { action: "approve" }, reviewer));
    const decidedAt = Date.now();
    if (process.env.TRACE_ACT) console.error(`CLICK ${id} ${Math.round(performance.now() + performance.timeOrigin)}`);
    let processingMs = 0;
    let from = decidedAt;
    let delivered = false;
    // Whether the last clock move is answered: until then a demand still waiting is the move not having reached it yet.
    let moveSettled = (): boolean => true;
    for (let moves = 0; ; moves += 1) {
      const status = await waitForStatus(client, id, (s) => s.status === "closed" || (!delivered && hasDelivered(s)) || (moveSettled() && s.status.startsWith("awaiting_")));
      if (!delivered && hasDelivered(status)) {
        delivered = true;
        processingMs += Date.now() - from;
        if (process.env.TRACE_ACT) console.error(`DELIVERED ${id} ${Math.round(performance.now() + performance.timeOrigin)}`);
        continue;
      }
      if (status.status === "closed") {
        if (!delivered) throw new Error(`${reference} closed without a delivery (${status.outcome ?? "no outcome"})`);
        break;
      }
      if (moves > 12) throw new Error(`${reference} did not close after 12 clock moves (${status.status})`);
      // The notice window or the secrecy order: the virtual wait is not counted; the clock move and what follows is.
      if (!delivered) processingMs += Date.now() - from;
      const move = gate.advance(status.status === "awaiting_notice_window" ? "P11D" : "P31D");
      from = await move.sent;
      if (process.env.TRACE_ACT) console.error(`MOVE ${id} ${from}`);
      if (delivered) {
        // Untimed (the secrecy order after delivery): look again once the move's work is done.
        await move.answered;
        continue;
      }
      // Timed: the host answers a move only once all the work it caused is done, the whole wave's closing steps
      // included, so this demand's delivery is looked for while the move runs, as the agency would see it.
      moveSettled = watch(move.answered);
    }
    gate.leave();
    return { decisionToDeliveredMs: processingMs, ...(await historyOf(stack, id)) };
  } catch (error) {
    gate.leave();
    throw error;
  }
}

function overridesFor(path: PathName, reference: string, now: Date): Partial<DemandBody> {
  const process = demoSubmission(reference, {}, now).legalProcess;
  switch (path) {
    case "consumer_subpoena":
      return { legalProcess: { ...process, kind: "subpoena" }, categories: ["subscriber_info"] };
    case "two_reviewer_warrant":
      return { categories: ["content_mail"] };
    case "enterprise_redirect":
      return { targets: [{ type: "email", value: "ceo@fabrikam.example" }], categories: ["subscriber_info"] };
    case "secrecy_order_expiring":
      return { categories: ["subscriber_info"], secrecyOrder: { reference: "NDO-B", issuingCourt: "Superior Court", issuedOn: dayFrom(now, -20), expiresOn: dayFrom(now, 180) } };
  }
}

/** One item of `mib` MiB in each category the paths ask, for every account folder (random bytes: no compression helps). */
async function addLargeItems(dir: string, mib: number): Promise<void> {
  if (mib <= 0) return;
  const bytes = randomBytes(Math.round(mib * 1024 * 1024));
  // The range starts on the 1st of a month; the 15th of that month is inside it.
  const day = `${previousHalfYear(new Date()).from.slice(0, 8)}15`;
  for (const account of await readdir(dir)) {
    for (const category of ["subscriber_info", "content_mail"]) {
      const file = nodePath.join(dir, account, category, day, "bench-large.bin");
      await mkdir(nodePath.dirname(file), { recursive: true });
      await writeFile(file, bytes);
    }
  }
}

function hasDelivered(s: DemandStatusBody): boolean {
  return s.timeline.some((t) => t.step === "delivered");
}

async function expectOk(decision: Promise<number>): Promise<void> {
  const status = await decision;
  if (status !== 200) throw new Error(`a review decision answered ${status}`);
}

function waitForStatus(client: StackClient, id: string, check: (s: DemandStatusBody) => boolean): Promise<DemandStatusBody> {
  return pollFast(`demand ${id}`, async () => {
    const s = await client.status(id);
    return check(s) ? s : undefined;
  });
}

/** The review link mailed to `reviewer` after the first `seen` ones for this reference. */
async function nextLink(client: StackClient, reference: string, reviewer: string, seen: number): Promise<string> {
  return poll(
    `review link ${seen + 1} for ${reviewer}`,
    async () => {
      const links = (await client.mails(reference))
        .filter((m) => m.to.some((t) => t.address === reviewer))
        .flatMap((m) => /https?:\/\/\S+\/api\/review\/[A-Za-z0-9_.-]+/.exec(m.text)?.[0] ?? []);
      return links.length > seen ? links.at(-1) : undefined;
    },
    STEP_DEADLINE_MS,
  );
}

/** Polls every 25 ms (StackClient's poll waits 150 ms, too coarse for a latency figure). */
async function pollFast<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + STEP_DEADLINE_MS;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The instance's history length as the Azure Storage provider's History table holds it. The host's showHistory view
 * (like Functions') leaves out OrchestratorStarted/Completed and folds TaskScheduled into the completion, so those are
 * added back: one TaskScheduled per task completion or failure (each retry is scheduled anew), one
 * SubOrchestrationInstanceCreated per sub-orchestration outcome, and an OrchestratorStarted/Completed pair per episode,
 * one episode for the start and one per message that wakes it (completion, failure, raised event, fired timer). That
 * is an upper bound: the provider may batch messages that arrive together into one episode, which this sequential
 * lifecycle rarely allows.
 */
async function historyOf(stack: BenchStack, id: string): Promise<{ historyEvents: number; historyTypes: Record<string, number> }> {
  const response = await fetch(`${stack.url}/runtime/webhooks/durabletask/instances/${id}?showHistory=true`, { headers: { "x-functions-key": stack.adminKey } });
  if (!response.ok) throw new Error(`status of ${id} answered ${response.status}`);
  const history = ((await response.json()) as { history?: { EventType: string }[] }).history ?? [];
  const count = (...types: string[]) => history.filter((e) => types.includes(e.EventType)).length;
  const scheduled = count("TaskCompleted", "TaskFailed") + count("SubOrchestrationInstanceCompleted", "SubOrchestrationInstanceFailed");
  const wakes = scheduled + count("EventRaised", "TimerFired");
  const historyTypes: Record<string, number> = {};
  for (const event of history) historyTypes[event.EventType] = (historyTypes[event.EventType] ?? 0) + 1;
  return { historyEvents: history.length + scheduled + 2 * (1 + wakes), historyTypes };
}

/** A clock move of a wave: when it was sent (ms since the epoch), and when the host answered it (its work done). */
interface ClockMove {
  sent: Promise<number>;
  answered: Promise<void>;
}

/** Moves the clock once every demand of a wave that is still running waits for it. */
class ClockGate {
  private waiting: { sent: (at: number) => void; answered: () => void; failed: (error: unknown) => void }[] = [];

  constructor(
    private readonly client: StackClient,
    private running: number,
  ) {}

  /** Waits for the rest of the wave, then moves the clock by the longest duration asked for (the moves are nested: P11D < P31D). */
  advance(duration: string): ClockMove {
    this.asked.push(duration);
    let sent!: (at: number) => void;
    let answered!: () => void;
    let failed!: (error: unknown) => void;
    const move: ClockMove = {
      sent: new Promise<number>((resolve) => (sent = resolve)),
      answered: new Promise<void>((resolve, reject) => {
        answered = resolve;
        failed = reject;
      }),
    };
    this.waiting.push({ sent, answered, failed });
    this.release();
    return move;
  }

  /** A demand of the wave is done (or failed): the others no longer wait for it. */
  leave(): void {
    this.running -= 1;
    this.release();
  }

  private asked: string[] = [];

  private release(): void {
    if (this.waiting.length === 0 || this.waiting.length < this.running) return;
    const waiting = this.waiting;
    const duration = this.asked.includes("P31D") ? "P31D" : "P11D";
    this.waiting = [];
    this.asked = [];
    const sentAt = Date.now();
    waiting.forEach((w) => w.sent(sentAt));
    this.client.advance(duration).then(
      () => waiting.forEach((w) => w.answered()),
      (error: unknown) => waiting.forEach((w) => w.failed(error)),
    );
  }
}

/** Whether `promise` has settled, as a check to poll; a rejection is thrown by the check. */
function watch(promise: Promise<unknown>): () => boolean {
  let settled = false;
  let failure: { error: unknown } | undefined;
  promise.then(
    () => (settled = true),
    (error: unknown) => (failure = { error }),
  );
  return () => {
    if (failure !== undefined) throw failure.error;
    return settled;
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
