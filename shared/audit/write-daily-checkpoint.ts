import type { PackageSigner } from "../ports/key-service";
import type { AuditLog, CheckpointStore } from "../ports/audit-log";
import { buildUnsignedCheckpoint, checkpointHash, parseStoredCheckpoint, type Checkpoint, signCheckpoint, type ChainHead, type PreviousCheckpoint } from "./checkpoint";
import { verifyChain, type ChainProblem } from "./verify-chain";

/** What writing a checkpoint needs. */
export interface CheckpointDeps {
  audit: AuditLog;
  checkpoints: CheckpointStore;
  signer: PackageSigner;
}

/** A chain that did not verify when the checkpoint was taken; it is left out of the checkpoint and must be investigated. */
export interface BrokenChain {
  demandId: string;
  brokenAt: number;
  problem: ChainProblem;
}

/** What the daily checkpoint did; `previousUnreadable`: the day before's stored checkpoint did not read as one. */
export type CheckpointOutcome =
  | { status: "written"; checkpoint: Checkpoint; broken: BrokenChain[]; previousUnreadable?: true }
  | { status: "exists" };

/** The day after an ISO date, as an ISO date. */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The day before an ISO date, as an ISO date. */
export function previousDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * What a day's checkpoint commits to: the stored checkpoint of the day before, or null when there is none (the first)
 * or it no longer reads as a checkpoint. The store is writable: one overwritten day must not stop every later day's
 * checkpoint of every chain; verifying the days shows the break there (R12).
 */
async function previousOf(checkpoints: CheckpointStore, date: string): Promise<{ previous: PreviousCheckpoint | null; unreadable: boolean }> {
  const before = previousDate(date);
  const json = await checkpoints.get(before);
  if (json === null) return { previous: null, unreadable: false };
  const stored = parseStoredCheckpoint(json);
  return stored !== undefined ? { previous: { date: before, hash: checkpointHash(stored) }, unreadable: false } : { previous: null, unreadable: true };
}


/** The start of a UTC day, as an ISO date-time. */
function startOf(date: string): string {
  return `${date}T00:00:00.000Z`;
}

/** The demands with an entry on each UTC day from `first` to `last`, from one query over the whole span. */
async function activeByDay(audit: AuditLog, first: string, last: string): Promise<Map<string, string[]>> {
  const days = new Map<string, Set<string>>();
  for (const { demandId, at } of await audit.listEntryTimesBetween(startOf(first), startOf(nextDate(last)))) {
    // Entry times are UTC ISO date-times (AuditEntry), so the first ten characters are the day.
    const day = at.slice(0, 10);
    days.set(day, (days.get(day) ?? new Set()).add(demandId));
  }
  return new Map([...days].map(([day, ids]) => [day, [...ids].sort()]));
}

/**
 * Checkpoints a UTC day: every chain with an entry on that day contributes its head as of the end of the day
 * (the entries timed before midnight that follow), the heads form an RFC 6962 tree, the checkpoint commits to
 * the stored checkpoint of the day before, and the signed checkpoint is written once. Chains that do not verify
 * are left out and returned, for an alert. `active`: the demands with an entry that day, when the caller has them.
 */
export async function writeDailyCheckpoint(deps: CheckpointDeps, date: string, active?: readonly string[]): Promise<CheckpointOutcome> {
  if ((await deps.checkpoints.get(date)) !== null) return { status: "exists" };
  const to = startOf(nextDate(date));
  const heads: ChainHead[] = [];
  const broken: BrokenChain[] = [];
  for (const demandId of active ?? (await activeByDay(deps.audit, date, date)).get(date) ?? []) {
    const entries = await deps.audit.list(demandId);
    const end = entries.findIndex((e) => e.at >= to);
    const prefix = end === -1 ? entries : entries.slice(0, end);
    const verdict = verifyChain(prefix, demandId);
    if (!verdict.ok) broken.push({ demandId, brokenAt: verdict.brokenAt, problem: verdict.problem });
    else if (verdict.length > 0) heads.push({ demandId, length: verdict.length, head: verdict.head });
  }
  const { previous, unreadable } = await previousOf(deps.checkpoints, date);
  const checkpoint = await signCheckpoint(buildUnsignedCheckpoint(date, heads, previous), deps.signer);
  const written = await deps.checkpoints.putIfAbsent(date, `${JSON.stringify(checkpoint, null, 2)}\n`);
  if (!written) return { status: "exists" };
  return { status: "written", checkpoint, broken, ...(unreadable ? { previousUnreadable: true as const } : {}) };
}

/** How many days one run checkpoints at most; a longer backlog continues on the next run. */
export const MAX_DAYS_PER_RUN = 400;

/** How many days of activity one query of the log covers during a catch-up. */
const DAYS_PER_QUERY = 31;

/**
 * Checkpoints every day from the one after the latest checkpoint (or, with none yet, the day of the first audit
 * entry) through `lastDate`, in order, so a day the timer missed is caught up and the days stay chained.
 */
export async function writeMissingCheckpoints(deps: CheckpointDeps, lastDate: string): Promise<{ date: string; outcome: CheckpointOutcome }[]> {
  const latest = await deps.checkpoints.latestDate();
  const firstEntry = latest === null ? await deps.audit.firstEntryAt() : null;
  const days: string[] = [];
  for (let date = latest !== null ? nextDate(latest) : (firstEntry?.slice(0, 10) ?? lastDate); date <= lastDate && days.length < MAX_DAYS_PER_RUN; date = nextDate(date)) {
    days.push(date);
  }
  const done: { date: string; outcome: CheckpointOutcome }[] = [];
  // One query per span of days rather than one per day: each is a cross-partition query (a scan of the whole log on
  // the local stand-in), and a backlog of days is what a missed timer, an outage or a moved clock leaves. A span is
  // at most DAYS_PER_QUERY, so what one query answers stays bounded however long the backlog.
  for (let at = 0; at < days.length; at += DAYS_PER_QUERY) {
    const span = days.slice(at, at + DAYS_PER_QUERY);
    const active = await activeByDay(deps.audit, span[0] as string, span.at(-1) as string);
    for (const date of span) done.push({ date, outcome: await writeDailyCheckpoint(deps, date, active.get(date) ?? []) });
  }
  return done;
}
