import type { ClosedDemandFacts } from "../transparency/closed-demand-facts";
import type { CellKey, CounterCell } from "../transparency/counter-cell";

/** The per-demand record that it is (being) counted; "pending" until its cell has been incremented. */
export interface CountMarker {
  demandId: string;
  state: "pending" | "done";
  facts: ClosedDemandFacts;
}

/** A cell as a rebuild writes it, with every demand whose increment it holds (their tokens keep a late retry from counting again). */
export interface RebuiltCell extends CounterCell {
  countedDemandIds: string[];
}

/** The version of every stored cell at one moment (opaque to callers), so a rebuild can write only cells nobody changed since. */
export type CellVersions = ReadonlyMap<string, string>;

/** Transparency counters (one item per report cell) and the "counted" markers that make counting exactly once. */
export interface TransparencyStore {
  /** Creates the demand's marker unless one exists; answers with the stored marker (the first facts win). */
  claimMarker(marker: CountMarker): Promise<{ created: boolean; marker: CountMarker }>;
  /**
   * Adds one demand and its accounts to a cell (creating it at zero first) and records the demand's token in
   * the cell, atomically; answers false and changes nothing when the cell already holds the demand's token.
   */
  incrementOnce(cell: CellKey & { id: string }, demandId: string, accounts: number): Promise<boolean>;
  /** Marks the demand's marker done. */
  completeMarker(demandId: string): Promise<void>;
  /** Every cell of a half-year. */
  listCells(period: string): Promise<CounterCell[]>;
  /** Every marker, pending or done. */
  listMarkers(): Promise<CountMarker[]>;
  /** The current version of every cell (read before the markers, for replaceAllCells). */
  cellVersions(): Promise<CellVersions>;
  /**
   * Replaces every cell with the given ones (the rebuild); cells in `versions` but not given are removed. Each
   * write is conditioned on the cell still being at its version in `versions` (or still absent); answers false
   * when one was changed meanwhile (a demand closed during the rebuild), so the caller reads again and retries.
   */
  replaceAllCells(cells: readonly RebuiltCell[], versions: CellVersions): Promise<boolean>;
  /** Records that a rebuild starts and answers its number; until a rebuild completes, the cells may be half replaced. */
  beginRebuild(): Promise<number>;
  /** Records that rebuild `run` replaced every cell. */
  completeRebuild(run: number): Promise<void>;
  /** The number of the latest rebuild started and of the latest completed (both 0 before any); unequal: cells may be half replaced. */
  rebuildState(): Promise<RebuildState>;
}

/** Rebuilds started and completed, for a reader that must not see half-replaced counters. */
export interface RebuildState {
  started: number;
  completed: number;
}

/** Where published transparency reports go, each file written once. */
export interface ReportPublisher {
  /** Writes a file unless it exists; false (writing nothing) when it exists. */
  publishIfAbsent(path: string, body: string, contentType: string): Promise<boolean>;
  /** A published file's text, or null when it does not exist. */
  read(path: string): Promise<string | null>;
}
