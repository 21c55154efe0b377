import type { ClassifiedTarget } from "../tenant";
import type { NoticePlan } from "./policy-decision";

/**
 * R5: the customer is told unless every found target's data is de-linked from any customer (nobody to notify). When no
 * target is found the plan stays "notify" (the lifecycle notifies found accounts only, so nobody is told).
 */
export function planNotice(targets: readonly ClassifiedTarget[]): NoticePlan {
  const found = targets.filter((target) => target.found);
  return found.length > 0 && found.every((target) => target.delinked) ? { kind: "none", reason: "delinked" } : { kind: "notify" };
}
