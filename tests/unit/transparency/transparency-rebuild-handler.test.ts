import { describe, expect, it } from "vitest";
import { makeTransparencyRebuildHandler } from "../../../functions/handlers/transparency-rebuild-handler";
import { countClosedDemand } from "../../../shared/transparency/count-closed-demand";
import { InMemoryTransparencyStore } from "../../../shared/transparency/in-memory-transparency-store";
import { aContext, aRequest, jsonOf } from "../../support/http";
import { someFacts } from "./transparency-fixtures";

describe("POST /api/manage/transparency/rebuild", () => {
  it("recomputes the counters from the stored facts and reports how many demands and cells", async () => {
    const store = new InMemoryTransparencyStore();
    for (const country of ["US", "US", "DE"]) await countClosedDemand(store, someFacts({ country }));
    const before = await store.listCells("2026-H1");
    const response = await makeTransparencyRebuildHandler(async () => ({ transparency: store }))(aRequest({ method: "POST" }), aContext());
    expect(jsonOf(response)).toEqual({ demands: 3, cells: 2 });
    expect(await store.listCells("2026-H1")).toEqual(before);
  });
});
