import type { SecrecyOrder } from "../demand";
import type { IsoDate } from "../primitives";
import type { ClassifiedTarget } from "../tenant";
import { isDateBefore } from "./dates";
import type { NoticePlan } from "./policy-decision";

/**
 * R5: prompt notice unless every found target's data is de-linked from any customer (nobody to notify) or a secrecy
 * order is in force (notice when it expires). Decisions: de-linked wins over a secrecy order, as there is nobody to
 * notify at its expiry either; a secrecy order that expired before today is no longer in force; when no target is
 * found the plan stays "prompt" (the lifecycle notifies found accounts only, so nobody is told).
 */
export function planNotice(secrecyOrder: SecrecyOrder | undefined, targets: readonly ClassifiedTarget[], today: IsoDate): NoticePlan {
  const found = targets.filter((target) => target.found);
  if (found.length > 0 && found.every((target) => target.delinked)) return { kind: "none", reason: "delinked" };
  if (secrecyOrder !== undefined) {
    if (secrecyOrder.expiresOn === undefined) return { kind: "delayed", until: "indefinite" };
    if (!isDateBefore(secrecyOrder.expiresOn, today)) return { kind: "delayed", until: secrecyOrder.expiresOn };
  }
  return { kind: "prompt" };
}
