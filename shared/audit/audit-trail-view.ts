import type { AuditLog, CheckpointStore } from "../ports/audit-log";
import type { PackageSigner } from "../ports/key-service";
import type { AuditEntry } from "./audit-entry";
import { parseStoredCheckpoint, verifyAgainstCheckpoint, verifyCheckpoint, type Checkpoint, type CheckpointVerification } from "./checkpoint";
import { verifyCheckpointChain, type CheckpointChainVerification } from "./checkpoint-chain";
import { checkpointKeys } from "./checkpoint-keys";
import { verifyChain, type ChainVerification } from "./verify-chain";
import { nextDate } from "./write-daily-checkpoint";

/** What reading a verified audit trail needs. */
export interface AuditTrailDeps {
  audit: AuditLog;
  checkpoints: CheckpointStore;
  signer: PackageSigner;
}

/** One checkpoint the chain was compared with. */
export interface CheckpointCheck {
  date: string;
  signature: { ok: true } | { ok: false; problem: string };
  consistency: CheckpointVerification;
}

/** A demand's chain with its own verification and the comparison with the checkpoint of each day it has entries on. */
export interface AuditTrailView {
  demandId: string;
  entries: AuditEntry[];
  verification: ChainVerification;
  checkpoints: CheckpointCheck[];
  /** The stored daily checkpoints from the demand's first day to the latest, checked as a chain (each commits to the day before). */
  checkpointChain: CheckpointChainVerification;
}

/** Reads a demand's chain, verifies it, and checks it against every daily checkpoint that should cover it. */
export async function readAuditTrail(deps: AuditTrailDeps, demandId: string): Promise<AuditTrailView> {
  const entries = await deps.audit.list(demandId);
  // A stored entry is answered as it is, even with a time overwritten by something else (verify names it): only days count.
  const dates = [...new Set(entries.map((e) => String(e.at).slice(0, 10)))].filter((day) => /^\d{4}-\d{2}-\d{2}$/.test(day)).sort();
  // A chain with no entries left has no first day of its own; only the checkpoints that listed it show it was cut (R12).
  const { days, unreadable } = await storedCheckpointsFrom(deps.checkpoints, dates[0] ?? (await deps.checkpoints.earliestDate()) ?? undefined);
  const keyOf = await checkpointKeys(deps.signer, days);
  const checkpoints: CheckpointCheck[] = [];
  // Every stored day that lists the demand, not only the days of the entries read: a chain whose last entries were
  // removed no longer has entries on their day, and only that day's checkpoint shows the cut (R12).
  const wanted = new Set(dates);
  for (const checkpoint of days) {
    if (!wanted.has(checkpoint.date) && !checkpoint.heads.some((h) => h.demandId === demandId)) continue;
    checkpoints.push({ date: checkpoint.date, signature: verifyCheckpoint(checkpoint, keyOf(checkpoint)), consistency: verifyAgainstCheckpoint(demandId, entries, checkpoint) });
  }
  const checkpointChain: CheckpointChainVerification =
    unreadable !== undefined
      ? { ok: false, date: unreadable, problem: "unreadable" }
      : days.length === 0
        ? { ok: true, length: 0 }
        : verifyCheckpointChain(days, keyOf);
  return { demandId, entries, verification: verifyChain(entries, demandId), checkpoints, checkpointChain };
}

/**
 * Every stored checkpoint from `first` through the latest one, in date order (a missing day is simply absent), and the
 * first day whose stored checkpoint does not read as one: the store is writable, so an overwritten day is reported
 * as such, never answered with a failure of the whole trail (R12).
 */
async function storedCheckpointsFrom(store: CheckpointStore, first: string | undefined): Promise<{ days: Checkpoint[]; unreadable?: string }> {
  const latest = first === undefined ? null : await store.latestDate();
  const days: Checkpoint[] = [];
  let unreadable: string | undefined;
  for (let date = first ?? ""; latest !== null && date <= latest; date = nextDate(date)) {
    const json = await store.get(date);
    if (json === null) continue;
    const stored = parseStoredCheckpoint(json);
    if (stored !== undefined) days.push(stored);
    else unreadable ??= date;
  }
  return { days, ...(unreadable === undefined ? {} : { unreadable }) };
}
