import type { SecrecyOrder } from "../demand";

/** A secrecy order as the demand keeps it: the one filed with the demand, a later extension, or a lifting. */
export interface SecrecyOrderEntry {
  order: SecrecyOrder;
  /** SHA-256 of the order's document, when one was filed after intake. */
  documentSha256?: string | undefined;
  addedAt: string;
  lifted: boolean;
}

/** Whether notice is held back, and until when (R9). */
export type EffectiveSecrecy = { kind: "none" } | { kind: "until"; date: string } | { kind: "indefinite" };

/** The order in force: the latest entry decides; a lifting ends all; an open-ended order beats any date; otherwise the latest expiry. */
export function effectiveSecrecy(entries: readonly SecrecyOrderEntry[], today: string): EffectiveSecrecy {
  const latest = entries.at(-1);
  if (latest === undefined || latest.lifted) return { kind: "none" };
  const live = entries.filter((e) => !e.lifted);
  if (live.some((e) => e.order.expiresOn === undefined)) return { kind: "indefinite" };
  const last = live.map((e) => e.order.expiresOn!).sort().at(-1)!;
  return last < today ? { kind: "none" } : { kind: "until", date: last };
}
