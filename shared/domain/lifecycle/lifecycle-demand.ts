import type { DemandPlan } from "../policy/policy-decision";
import type { DisclosureScope } from "./scope";
import type { EffectiveSecrecy } from "./secrecy";

/** What the lifecycle needs to know of a demand: read by an activity, never by the orchestrator itself. */
export interface LifecycleDemand {
  id: string;
  /** Rejected at validation: the lifecycle only closes it. */
  rejected: boolean;
  /** Closed already (e.g. withdrawn before the lifecycle started). */
  closed: boolean;
  plan: DemandPlan | null;
  scope: DisclosureScope;
  secrecy: EffectiveSecrecy;
}
