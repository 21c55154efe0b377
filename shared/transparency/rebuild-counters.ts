import type { RebuiltCell, TransparencyStore } from "../ports/transparency-store";
import { cellIdOf, cellKeyOf } from "./counter-cell";

/**
 * Recomputes every counter from the markers' stored facts and replaces all cells. Pending markers are counted
 * and their tokens written into their cells, so finishing them later does not count them again. Run it while
 * no demand is closing: an increment landing between the read and the write would be overwritten.
 */
export async function rebuildCounters(store: TransparencyStore): Promise<{ demands: number; cells: number }> {
  const cells = new Map<string, RebuiltCell>();
  const markers = await store.listMarkers();
  for (const marker of markers) {
    const key = cellKeyOf(marker.facts);
    const id = cellIdOf(key);
    const cell = cells.get(id) ?? { ...key, id, demands: 0, accounts: 0, pendingDemandIds: [] };
    cell.demands += 1;
    cell.accounts += marker.facts.accountsSpecified;
    if (marker.state === "pending") cell.pendingDemandIds.push(marker.demandId);
    cells.set(id, cell);
  }
  await store.replaceAllCells([...cells.values()]);
  return { demands: markers.length, cells: cells.size };
}
