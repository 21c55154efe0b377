import type { TransparencyStore } from "../ports/transparency-store";
import { ClosedDemandFacts } from "./closed-demand-facts";
import { cellIdOf, cellKeyOf } from "./counter-cell";

/** Whether this call counted the demand or found it already counted. */
export type CountResult = "counted" | "already-counted";

/**
 * Counts a closed demand exactly once, however often it is retried and wherever a previous try crashed:
 *  1. claim the marker "counted:<demandId>" in state pending, holding the facts (a retry reuses the stored
 *     facts, so the demand lands in the same cell even if the caller's facts changed);
 *  2. increment the cell and record the demand's token in it, in one conditional patch that does nothing
 *     when the token is already there (so a crash after 2 and before 3 cannot double count);
 *  3. mark the marker done (a retry then stops at 1).
 * The token stays in the cell (a rebuild writes it again): a second delivery
 * of the same closing may have read the marker as pending before the first marked it done, and its increment must
 * still find the token. Dropping it at once, as this did before, counted such a demand twice.
 */
export async function countClosedDemand(store: TransparencyStore, facts: ClosedDemandFacts): Promise<CountResult> {
  const checked = ClosedDemandFacts.parse(facts);
  const { marker } = await store.claimMarker({ demandId: checked.demandId, state: "pending", facts: checked });
  if (marker.state === "done") return "already-counted";
  const key = cellKeyOf(marker.facts);
  const id = cellIdOf(key);
  await store.incrementOnce({ ...key, id }, marker.demandId, marker.facts.accountsSpecified);
  await store.completeMarker(marker.demandId);
  return "counted";
}
