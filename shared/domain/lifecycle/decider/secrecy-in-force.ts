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
 * The orders that hold notice back at `at` (R9): binding, not lifted, and not yet ended. A lifting ends only the orders
 * it names (by reference) filed before it: with orders of two courts, or an original and a separate order, the others
 * still bind. An order is in force through its `expiresOn` (its last day in force) and ends when that day has ended
 * everywhere (timing.ts); an open-ended order never ends on its own.
 */
export function ordersInForce(entries: readonly SecrecyEntryView[], at: number): SecrecyEntryView[] {
  const binding = entries.filter(binds);
  const live = binding.filter((e, i) => !e.lifted && liftingOf(binding.slice(i + 1), e) === undefined);
  return live.filter((e) => e.expiresOn === undefined || secrecyEndsAt(e.expiresOn).getTime() > at);
}

/** The first binding lifting among `later` that names `order`. */
function liftingOf(later: readonly SecrecyEntryView[], order: SecrecyEntryView): SecrecyEntryView | undefined {
  return later.find((l) => l.lifted && l.reference === order.reference);
}

/** Whether a lifting of `reference` filed now names an order on file (R9): one that names none would end nothing. */
export function namesAnOrderOnFile(entries: readonly SecrecyEntryView[], reference: string): boolean {
  return entries.some((e) => !e.lifted && e.reference === reference);
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
 * The order whose end let the delayed notice go (R9): of the binding orders, the one not lifted that ran longest, unless
 * a lifted one would have outlasted every order not lifted: then its lifting (the last such) is what ended the secrecy.
 * A refused or unruled filing never bound, so it is never named.
 */
export function orderThatEnded(entries: readonly SecrecyEntryView[]): SecrecyEntryView | undefined {
  const binding = entries.filter(binds);
  const orders = binding.map((e, i) => ({ order: e, lifting: e.lifted ? undefined : liftingOf(binding.slice(i + 1), e) })).filter((o) => !o.order.lifted);
  const runsLonger = (a: SecrecyEntryView, b: SecrecyEntryView) => a.expiresOn === undefined || (b.expiresOn !== undefined && a.expiresOn > b.expiresOn);
  const unlifted = orders.filter((o) => o.lifting === undefined).map((o) => o.order);
  const longest = unlifted.length === 0 ? undefined : unlifted.reduce((l, e) => (runsLonger(e, l) ? e : l));
  const outlasting = orders.filter((o) => o.lifting !== undefined && (longest === undefined || runsLonger(o.order, longest)));
  if (outlasting.length > 0) return outlasting.map((o) => o.lifting!).reduce((last, l) => (l.index > last.index ? l : last));
  return longest;
}
