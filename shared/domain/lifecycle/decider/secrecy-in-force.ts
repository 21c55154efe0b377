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
 * The orders that hold notice back at `at` (R9): binding, filed after the last lifting (a lifting ends all earlier
 * orders), and not yet ended. An order is in force through its `expiresOn` (its last day in force) and ends when that
 * day has ended everywhere (timing.ts); an open-ended order never ends on its own.
 */
export function ordersInForce(entries: readonly SecrecyEntryView[], at: number): SecrecyEntryView[] {
  const binding = entries.filter(binds);
  const live = binding.slice(binding.map((e) => e.lifted).lastIndexOf(true) + 1);
  return live.filter((e) => e.expiresOn === undefined || secrecyEndsAt(e.expiresOn).getTime() > at);
}

/** The secrecy in force at `at` (R9): an open-ended order beats any date; otherwise the latest expiry decides. */
export function secrecyInForce(entries: readonly SecrecyEntryView[], at: number): EffectiveSecrecy {
  const inForce = ordersInForce(entries, at);
  if (inForce.length === 0) return { kind: "none" };
  if (inForce.some((e) => e.expiresOn === undefined)) return { kind: "indefinite" };
  return { kind: "until", date: inForce.map((e) => e.expiresOn!).sort().at(-1)! };
}

/** Orders filed after intake that no reviewer has ruled on yet. */
export function awaitingRuling(entries: readonly SecrecyEntryView[]): SecrecyEntryView[] {
  return entries.filter((e) => !e.atIntake && !e.lifted && e.ruling === undefined);
}

/**
 * The order whose end let the delayed notice go (R9): the lifting, when one ended every binding order; otherwise the
 * binding order filed since the last lifting that ran longest. A refused or unruled filing never bound, so it is never named.
 */
export function orderThatEnded(entries: readonly SecrecyEntryView[]): SecrecyEntryView | undefined {
  const binding = entries.filter(binds);
  const lastLifting = binding.map((e) => e.lifted).lastIndexOf(true);
  const since = binding.slice(lastLifting + 1);
  if (since.length === 0) return binding[lastLifting];
  return since.reduce((longest, e) => (e.expiresOn === undefined || (longest.expiresOn !== undefined && e.expiresOn > longest.expiresOn) ? e : longest));
}
