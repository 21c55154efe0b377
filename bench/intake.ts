/**
 * npm run bench:intake — intake under load (issue 17, DESIGN §6). Starts the real stand-ins (Azurite, the Cosmos
 * server, maildev, the local OpenID provider) and the compiled app under the local host in its own process, then
 * POSTs sound demands (the demo warrant with a ~200 KiB PDF), each with its own Idempotency-Key and process
 * reference, with autocannon at fixed rates (default 50, 200, 500 req/s for 20 s each), then searches for the
 * highest rate whose p99 stays under 100 ms with no errors (doubling, then bisecting; short probes). Between runs it
 * waits for the host to go quiet (each accepted demand starts a lifecycle that mails reviewers).
 * Options: --rates 50,200,500 --seconds 20 --probe-seconds 10 --probes 8 --cpu-prof <dir> (profiles the host).
 * The last line is JSON.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { demoSubmission } from "../scripts/stack-client";
import { startBenchStack, type BenchStack } from "./bench-stack";
import { paddedPdf } from "./padded-pdf";

const P99_LIMIT_MS = 100;
const MAX_RATE = 2000;

interface RateResult {
  target: number;
  achieved: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rates: { type: "string", default: "50,200,500" },
      seconds: { type: "string", default: "20" },
      "probe-seconds": { type: "string", default: "10" },
      probes: { type: "string", default: "8" },
      "cpu-prof": { type: "string" },
    },
  });
  const rates = values.rates.split(",").map(Number).filter((r) => r > 0);
  const seconds = Number(values.seconds);
  const probeSeconds = Number(values["probe-seconds"]);
  const maxProbes = Number(values.probes);
  const profileDir = values["cpu-prof"];
  const stack = await startBenchStack(profileDir === undefined ? {} : { hostNodeArgs: ["--cpu-prof", "--cpu-prof-dir", profileDir] });
  const started = Date.now();
  try {
    const run = runner(stack);
    await run(10, 3); // warm-up: the host's first intakes compile code and open connections
    const results: RateResult[] = [];
    for (const rate of rates) {
      const result = await run(rate, seconds);
      console.log(`${rate} req/s for ${seconds} s: ${JSON.stringify(result)}`);
      results.push(result);
    }
    const best = await search(run, probeSeconds, maxProbes);
    console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}, ${Math.round((Date.now() - started) / 1000)} s`);
    // The shape exactly (max latency is in the lines above).
    console.log(JSON.stringify({ rates: results.map(({ target, achieved, p50Ms, p99Ms, errors }) => ({ target, achieved, p50Ms, p99Ms, errors })), maxRateP99Under100: best }));
  } finally {
    await stack.stop();
  }
}

/** Runs autocannon at one rate against the stack's intake, each request a new demand; waits for the host to go quiet first. */
function runner(stack: BenchStack): (rate: number, seconds: number) => Promise<RateResult> {
  const pdf = paddedPdf("BENCH-INTAKE", 200 * 1024).toString("base64");
  // The body is built once with a marker for the reference; each request only splices in its own.
  const template = JSON.stringify({ ...demoSubmission("@@REF@@"), document: { filename: "warrant.pdf", contentBase64: pdf } });
  const [head, tail] = template.split("@@REF@@") as [string, string];
  const runId = Date.now().toString(36);
  let sequence = 0;
  return async (rate, seconds) => {
    await quiet(stack.host.pid);
    const result = await autocannon({
      url: `${stack.url}/api/demands`,
      method: "POST",
      duration: seconds,
      overallRate: rate,
      // Enough connections to keep the rate going at up to a second per request, so a slow host shows as latency
      // rather than as a lower send rate (autocannon paces the sends across them).
      connections: Math.min(512, Math.max(8, rate)),
      timeout: 10,
      headers: { authorization: `Bearer ${stack.client.credential}`, "content-type": "application/json" },
      requests: [
        {
          setupRequest: (request) => {
            sequence += 1;
            const reference = `B-${runId}-${sequence}`;
            return { ...request, headers: { ...request.headers, "idempotency-key": `bench-${reference}` }, body: head + reference + tail };
          },
        },
      ],
    });
    const ok = result["2xx"];
    return {
      target: rate,
      achieved: Math.round((ok / (result.duration || seconds)) * 10) / 10,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      errors: result.errors + result.timeouts + result.non2xx,
    };
  };
}

/** The highest rate (req/s) whose probe kept p99 under the limit with no errors: doubling from 25, then bisecting. */
async function search(run: (rate: number, seconds: number) => Promise<RateResult>, seconds: number, maxProbes: number): Promise<number> {
  const passes = async (rate: number) => {
    const r = await run(rate, seconds);
    console.log(`probe ${rate} req/s: p99 ${r.p99Ms} ms, errors ${r.errors}, achieved ${r.achieved}`);
    return r.p99Ms < P99_LIMIT_MS && r.errors === 0 && r.achieved >= rate * 0.95;
  };
  let good = 0;
  let bad = MAX_RATE;
  let probes = 0;
  for (let rate = 25; rate < MAX_RATE && probes < maxProbes; rate *= 2) {
    probes += 1;
    if (await passes(rate)) good = rate;
    else {
      bad = rate;
      break;
    }
  }
  while (probes < maxProbes && bad - good > Math.max(5, good * 0.1)) {
    probes += 1;
    const mid = Math.round((good + bad) / 2);
    if (await passes(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/** Waits (at most 120 s) until the host process uses under a tenth of a core for a second (Linux /proc; elsewhere a pause). */
async function quiet(pid: number | undefined): Promise<void> {
  const cpu = (): number | undefined => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return undefined;
    }
  };
  const deadline = Date.now() + 120_000;
  const first = cpu();
  if (first === undefined) return new Promise((r) => setTimeout(r, 5000));
  let last: number = first;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now: number = cpu() ?? last;
    // Clock ticks are 1/100 s: under 10 ticks in a second is under a tenth of a core.
    if (now - last < 10 || Date.now() > deadline) return;
    last = now;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
