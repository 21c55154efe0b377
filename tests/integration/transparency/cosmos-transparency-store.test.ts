import { describe, expect, it, vi } from "vitest";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosTransparencyStore } from "../../../shared/adapters/cosmos/cosmos-transparency-store";
import { openTestDatabase } from "../../support/test-stores";
import { describeCountingContract } from "../../unit/transparency/counting-contract";
import { someFacts } from "../../unit/transparency/transparency-fixtures";
import { countClosedDemand } from "../../../shared/transparency/count-closed-demand";

// A fresh database per store, because the rebuild replaces every cell of its container.
describeCountingContract("Cosmos DB", async () => new CosmosTransparencyStore((await openTestDatabase()).container(COSMOS_CONTAINERS.transparency.id)));

describe("R11: the report reads its cells in O(cells)", () => {
  it("R11: listing a half-year's cells does not fetch the tokens of every demand counted in them", async () => {
    const container = (await openTestDatabase()).container(COSMOS_CONTAINERS.transparency.id);
    const store = new CosmosTransparencyStore(container);
    for (let i = 0; i < 40; i += 1) await countClosedDemand(store, someFacts({ period: "2040-H1" }));
    const fetched: unknown[] = [];
    const query = container.items.query.bind(container.items);
    vi.spyOn(container.items, "query").mockImplementation(((spec: Parameters<typeof query>[0]) => {
      const iterator = query(spec);
      const fetchAll = iterator.fetchAll.bind(iterator);
      return Object.assign(iterator, {
        fetchAll: async () => {
          const response = await fetchAll();
          fetched.push(...response.resources);
          return response;
        },
      });
    }) as typeof container.items.query);
    expect(await store.listCells("2040-H1")).toEqual([expect.objectContaining({ demands: 40 })]);
    // One small item per cell, however many demands it counts: 40 tokens of 33 characters would be over a kilobyte.
    expect(fetched).toHaveLength(1);
    expect(JSON.stringify(fetched[0]).length).toBeLessThan(800);
  });
});
