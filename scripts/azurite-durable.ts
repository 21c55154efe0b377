import http from "node:http";
import { createRequire } from "node:module";

/** The parts of a LokiJS database this hook touches. */
interface LokiLike {
  autosaveDirty(): boolean;
  saveDatabase(callback: (error?: unknown) => void): void;
}

/**
 * Azurite keeps its blob metadata (containers, blobs, their blocks and extents) in LokiJS databases that it saves every
 * 5 s, so a kill -9 of npm start's process tree (or a machine crash) lost every blob acknowledged in the last 5 s: a
 * demand's legal process, a sealed package, its delivery record. Loaded into the Azurite process before Azurite
 * itself (by run-with-parent), this holds every HTTP reply until each database with unsaved changes has been saved,
 * as the Cosmos stand-in's journal does, so what a client was told is stored is on disk when it hears so.
 */
export function makeAzuriteRepliesDurable(azuriteScript: string): void {
  const load = createRequire(azuriteScript);
  const Loki = load("lokijs") as { prototype: LokiLike & { autosaveEnable(...args: unknown[]): unknown } };
  const databases = new Set<LokiLike>();
  const enable = Loki.prototype.autosaveEnable;
  Loki.prototype.autosaveEnable = function (this: LokiLike, ...args: unknown[]) {
    databases.add(this);
    return enable.apply(this, args);
  };
  const end = http.ServerResponse.prototype.end as (...args: unknown[]) => http.ServerResponse;
  http.ServerResponse.prototype.end = function (this: http.ServerResponse, ...args: unknown[]) {
    const dirty = [...databases].filter((db) => db.autosaveDirty());
    if (dirty.length === 0) return end.apply(this, args);
    void Promise.all(dirty.map((db) => new Promise<void>((resolve) => db.saveDatabase(() => resolve())))).then(() => end.apply(this, args));
    return this;
  } as typeof http.ServerResponse.prototype.end;
}
