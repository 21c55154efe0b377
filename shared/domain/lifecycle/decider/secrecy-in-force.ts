import type { EffectiveSecrecy } from "../secrecy";
import { secrecyEndsAt } from "../timing";
import type { SecrecyEntryView } from "./model";

/**
 * Whether an order binds the lifecycle: one filed with the demand was judged at intake; one filed later binds only once a
 * reviewer confirmed it (R5: a requester cannot silence a notice on its own say). A lifting always counts: it only
 * gives the customer notice sooner.
 */
export function binds(entry: SecrecyEntryView): boolean {
  return entry.lifted || entry.atIntake || entry.ruling === "confirmed";
}

/**
 * The secrecy in force at `at` (R9): the latest binding entry decides; a lifting ends all earlier orders; an open-ended
 * order beats any date; otherwise the latest expiry. An order is in force through its `expiresOn` (a UTC date, its last
 * day in force) and ends at 00:00 UTC the day after.
 */
export function secrecyInForce(entries: readonly SecrecyEntryView[], at: number): EffectiveSecrecy {
  const binding = entries.filter(binds);
  const lastLifting = binding.map((e) => e.lifted).lastIndexOf(true);
  const live = binding.slice(lastLifting + 1);
  if (live.length === 0) return { kind: "none" };
  if (live.some((e) => e.expiresOn === undefined)) return { kind: "indefinite" };
  const last = live.map((e) => e.expiresOn!).sort().at(-1)!;
  return secrecyEndsAt(last).getTime() <= at ? { kind: "none" } : { kind: "until", date: last };
}

/** Orders filed after intake that no reviewer has ruled on yet. */
export function awaitingRuling(entries: readonly SecrecyEntryView[]): SecrecyEntryView[] {
  return entries.filter((e) => !e.atIntake && !e.lifted && e.ruling === undefined);
}
