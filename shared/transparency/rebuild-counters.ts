import { DomainError } from "../errors/domain-error";
import type { RebuiltCell, TransparencyStore } from "../ports/transparency-store";
import { cellIdOf, cellKeyOf } from "./counter-cell";

/** How many times a rebuild starts over after demands closed while it ran. */
const MAX_ATTEMPTS = 5;

/**
 * Recomputes every counter from the markers' stored facts and replaces all cells. Every marker's token is written
 * into its cell, so finishing a pending one, or a late second delivery of a done one, does not count it again. The cells'
 * versions are read before the markers and every write is conditioned on them, so an increment landing
 * while the rebuild runs makes it start over instead of being overwritten; 409 if that keeps happening. Until a rebuild
 * completes, reports are not published.
 */
export async function rebuildCounters(store: TransparencyStore): Promise<{ demands: number; cells: number }> {
  // Marked running first and complete only on success: a failed replacement may have written some cells only, and
  // publishing (publish-reports.ts) must not read such a mix (R11).
  const run = await store.beginRebuild();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const versions = await store.cellVersions();
    const rebuilt = await recompute(store);
    if (await store.replaceAllCells(rebuilt.cells, versions)) {
      await store.completeRebuild(run);
      return { demands: rebuilt.demands, cells: rebuilt.cells.length };
    }
  }
  throw new DomainError("conflict", "Demands kept closing while the counters were rebuilt; try again (reports are not published until a rebuild completes).");
}

async function recompute(store: TransparencyStore): Promise<{ demands: number; cells: RebuiltCell[] }> {
  const cells = new Map<string, RebuiltCell>();
  const markers = await store.listMarkers();
  for (const marker of markers) {
    const key = cellKeyOf(marker.facts);
    const id = cellIdOf(key);
    const cell = cells.get(id) ?? { ...key, id, demands: 0, accounts: 0, countedDemandIds: [] };
    cell.demands += 1;
    cell.accounts += marker.facts.accountsSpecified;
    // Done markers too: a second delivery that read the marker as pending may still be on its way to the increment.
    cell.countedDemandIds.push(marker.demandId);
    cells.set(id, cell);
  }
  return { demands: markers.length, cells: [...cells.values()] };
}
