import type { Target } from "../domain/demand";

/** Earlier demands in this system for any of the same identifiers. */
export interface PriorDemandCount {
  count: number;
  /** Outcome (or "open (status)" while open) → how many. */
  outcomes: Record<string, number>;
}

/** Finds earlier demands naming the same identifiers, for the review page's context. */
export interface PriorDemands {
  /** Other demands than `excludeId` naming any of `targets`, counted by outcome. */
  forTargets(targets: readonly Target[], excludeId: string): Promise<PriorDemandCount>;
}
