import type { CellVersions, CountMarker, RebuildState, RebuiltCell, TransparencyStore } from "../ports/transparency-store";
import type { CellKey, CounterCell } from "./counter-cell";
import { demandToken } from "./demand-token";

interface StoredCell extends CounterCell {
  applied: Set<string>;
  /** Bumped by every change, like an ETag. */
  version: number;
}

/** The transparency store in memory, with the same once-only semantics as the Cosmos one (tests, benchmarks). */
export class InMemoryTransparencyStore implements TransparencyStore {
  private readonly markers = new Map<string, CountMarker>();
  private readonly cells = new Map<string, StoredCell>();
  private readonly rebuilds: RebuildState = { started: 0, completed: 0 };

  async claimMarker(marker: CountMarker): Promise<{ created: boolean; marker: CountMarker }> {
    const existing = this.markers.get(marker.demandId);
    if (existing !== undefined) return { created: false, marker: { ...existing } };
    this.markers.set(marker.demandId, { ...marker });
    return { created: true, marker: { ...marker } };
  }

  async incrementOnce(cell: CellKey & { id: string }, demandId: string, accounts: number): Promise<boolean> {
    let stored = this.cells.get(cell.id);
    if (stored === undefined) {
      stored = { ...cell, demands: 0, accounts: 0, applied: new Set(), version: 0 };
      this.cells.set(cell.id, stored);
    }
    const token = demandToken(demandId);
    if (stored.applied.has(token)) return false;
    stored.demands += 1;
    stored.accounts += accounts;
    stored.applied.add(token);
    stored.version += 1;
    return true;
  }

  async completeMarker(demandId: string): Promise<void> {
    const marker = this.markers.get(demandId);
    if (marker === undefined) throw new Error("no marker to complete");
    marker.state = "done";
  }

  async listCells(period: string): Promise<CounterCell[]> {
    return [...this.cells.values()].filter((c) => c.period === period).map(({ applied: _applied, version: _version, ...cell }) => cell);
  }

  async listMarkers(): Promise<CountMarker[]> {
    return [...this.markers.values()].map((m) => ({ ...m }));
  }

  async cellVersions(): Promise<CellVersions> {
    return new Map([...this.cells].map(([id, cell]) => [id, String(cell.version)]));
  }

  async replaceAllCells(cells: readonly RebuiltCell[], versions: CellVersions): Promise<boolean> {
    // All or nothing in memory: every cell must still be at the version read, and no new one may have appeared.
    if (this.cells.size !== versions.size || [...this.cells].some(([id, cell]) => versions.get(id) !== String(cell.version))) return false;
    this.cells.clear();
    for (const { countedDemandIds, ...cell } of cells) {
      this.cells.set(cell.id, { ...cell, applied: new Set(countedDemandIds.map(demandToken)), version: (Number(versions.get(cell.id) ?? -1)) + 1 });
    }
    return true;
  }

  async beginRebuild(): Promise<number> {
    this.rebuilds.started += 1;
    return this.rebuilds.started;
  }

  async completeRebuild(run: number): Promise<void> {
    this.rebuilds.completed = run;
  }

  async rebuildState(): Promise<RebuildState> {
    return { ...this.rebuilds };
  }
}
