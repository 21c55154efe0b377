import type { TransparencyStore } from "../../shared/ports/transparency-store";
import { rebuildCounters } from "../../shared/transparency/rebuild-counters";
import { withProblems, type HttpHandler } from "./with-problems";

/** What the rebuild needs. */
export interface TransparencyRebuildDeps {
  transparency: TransparencyStore;
}

/** POST /api/manage/transparency/rebuild (administrators): recomputes every counter from the stored facts (safe while demands close: it starts over, 409 if it cannot finish). */
export function makeTransparencyRebuildHandler(resolve: () => Promise<TransparencyRebuildDeps>): HttpHandler {
  return withProblems(async () => {
    const deps = await resolve();
    return { status: 200, jsonBody: await rebuildCounters(deps.transparency) };
  });
}
