/**
 * npm run bench:report — the transparency report costs O(report cells), not O(demands) (DESIGN §6).
 * For 100k and 1M deterministic (seeded) closed demands it loads every demand's facts through the same
 * exactly-once counting path the app uses (in-memory TransparencyStore), keeps the facts as a plain list too,
 * then times building the report from the counters and from a full rescan of the list. The last line is JSON.
 */
import { performance } from "node:perf_hooks";
import type { Outcome, RequesterKind } from "../shared/domain/enums";
import { buildTransparencyReport } from "../shared/transparency/build-report";
import type { ClosedDemandFacts } from "../shared/transparency/closed-demand-facts";
import { countClosedDemand } from "../shared/transparency/count-closed-demand";
import { aggregateCells } from "../shared/transparency/counter-cell";
import { InMemoryTransparencyStore } from "../shared/transparency/in-memory-transparency-store";

const PERIOD = "2026-H1";
const TODAY = "2027-02-01";
const SIZES = [100_000, 1_000_000];
const COUNTER_RUNS = 25;
const RESCAN_RUNS = 3;
const COUNTRIES = ["US", "GB", "DE", "FR", "IN", "BR", "AU", "CA", "JP", "IT", "ES", "NL", "PL", "SE", "MX", "AR", "KR", "TW", "SG", "IE", "BE", "CH", "AT", "DK", "NO", "FI", "PT", "CZ", "TR", "ZA"];
const OUTCOMES: Outcome[] = ["rejected", "withdrawn", "no_data", "redirected", "disclosed_non_content", "disclosed_content", "challenged"];
const KINDS: RequesterKind[] = ["law_enforcement", "other_government", "civil_litigant"];

/** mulberry32: a small seeded PRNG, so every run generates the same demands. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateFacts(count: number, seed: number): ClosedDemandFacts[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[], skew = 1): T => items[Math.floor(random() ** skew * items.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const outcome = pick(OUTCOMES);
    return {
      demandId: `bench-${seed}-${i}`,
      period: random() < 0.8 ? PERIOD : "2025-H2",
      country: pick(COUNTRIES, 2.5),
      requesterKind: pick(KINDS, 3),
      nationalSecurity: random() < 0.01,
      outcome,
      enterprise: random() < 0.05,
      accountsSpecified: 1 + Math.floor(random() ** 4 * 25),
      secrecyOrder: random() < 0.25,
      emergency: random() < 0.04,
      contentOutsideRequesterCountry: outcome === "disclosed_content" && random() < 0.1,
    };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function timeMs(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return Math.round(median(times) * 1000) / 1000;
}

interface SizeResult {
  demands: number;
  cells: number;
  loadSeconds: number;
  counterReportMs: number;
  rescanReportMs: number;
}

async function measure(count: number): Promise<SizeResult> {
  const facts = generateFacts(count, 20261);
  const store = new InMemoryTransparencyStore();
  const loadStart = performance.now();
  for (const f of facts) await countClosedDemand(store, f);
  const loadSeconds = Math.round((performance.now() - loadStart) / 10) / 100;
  const fromCounters = async () => buildTransparencyReport(await store.listCells(PERIOD), PERIOD, TODAY);
  const fromRescan = () => buildTransparencyReport(aggregateCells(facts.filter((f) => f.period === PERIOD)), PERIOD, TODAY);
  const [a, b] = [await fromCounters(), fromRescan()];
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error("the counters and the rescan disagree");
  const result = {
    demands: count,
    cells: (await store.listCells(PERIOD)).length,
    loadSeconds,
    counterReportMs: await timeMs(COUNTER_RUNS, fromCounters),
    rescanReportMs: await timeMs(RESCAN_RUNS, fromRescan),
  };
  console.log(`${count} demands: ${result.cells} cells; report from counters ${result.counterReportMs} ms, from a rescan ${result.rescanReportMs} ms (load ${loadSeconds} s)`);
  return result;
}

async function main(): Promise<void> {
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await measure(size));
  const [small, large] = results as [SizeResult, SizeResult];
  const ratio = (x: number, y: number) => Math.round((x / y) * 100) / 100;
  console.log(
    JSON.stringify({
      benchmark: "transparency-report",
      period: PERIOD,
      demands: large.demands,
      cells: large.cells,
      counterReportMs: large.counterReportMs,
      rescanReportMs: large.rescanReportMs,
      loadSeconds: large.loadSeconds,
      scaling: results,
      demandsGrowth: ratio(large.demands, small.demands),
      cellsGrowth: ratio(large.cells, small.cells),
      counterReportGrowth: ratio(large.counterReportMs, small.counterReportMs),
      rescanReportGrowth: ratio(large.rescanReportMs, small.rescanReportMs),
    }),
  );
}

void main();
