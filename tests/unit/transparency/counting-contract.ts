import { describe, expect, it } from "vitest";
import type { TransparencyStore } from "../../../shared/ports/transparency-store";
import { countClosedDemand } from "../../../shared/transparency/count-closed-demand";
import { aggregateCells, cellIdOf, cellKeyOf } from "../../../shared/transparency/counter-cell";
import { rebuildCounters } from "../../../shared/transparency/rebuild-counters";
import { COUNT_STEPS, crashingAfter, someFacts } from "./transparency-fixtures";

function sortById<T extends { id: string }>(cells: T[]): T[] {
  return [...cells].sort((a, b) => a.id.localeCompare(b.id));
}

/** The exactly-once counting behaviour every TransparencyStore must give (run on memory and on Cosmos). */
export function describeCountingContract(name: string, openStore: () => Promise<TransparencyStore>): void {
  describe(`counting closed demands on ${name}`, () => {
    it("counts a demand once however often it is retried, with the first facts", async () => {
      const store = await openStore();
      const facts = someFacts({ period: "2031-H1", accountsSpecified: 3 });
      expect(await countClosedDemand(store, facts)).toBe("counted");
      expect(await countClosedDemand(store, facts)).toBe("already-counted");
      expect(await countClosedDemand(store, { ...facts, outcome: "rejected" })).toBe("already-counted");
      const cells = await store.listCells("2031-H1");
      expect(cells).toHaveLength(1);
      expect(cells[0]).toMatchObject({ outcome: "disclosed_non_content", demands: 1, accounts: 3 });
    });

    it.each(COUNT_STEPS)("counts once when the process dies right after %s and the activity is retried", async (step) => {
      const store = await openStore();
      const period = `20${30 + COUNT_STEPS.indexOf(step)}-H2`;
      const other = someFacts({ period, accountsSpecified: 4 });
      await countClosedDemand(store, other);
      const facts = someFacts({ period, accountsSpecified: 2 });
      await expect(countClosedDemand(crashingAfter(store, step), facts)).rejects.toThrow(/simulated crash/);
      await countClosedDemand(store, facts);
      await countClosedDemand(store, facts);
      expect(await store.listCells(period)).toEqual([expect.objectContaining({ demands: 2, accounts: 6 })]);
    });

    it("counts concurrent closings into one cell without losing any, and twice-delivered ones once", async () => {
      const store = await openStore();
      const facts = Array.from({ length: 12 }, (_, i) => someFacts({ period: "2035-H1", accountsSpecified: i + 1 }));
      await Promise.all([...facts, ...facts.slice(0, 5)].map((f) => countClosedDemand(store, f)));
      expect(await store.listCells("2035-H1")).toEqual([expect.objectContaining({ demands: 12, accounts: 78 })]);
    });

    it("counts a twice-delivered closing once when the second read the marker as pending before the first finished", async () => {
      const store = await openStore();
      const facts = someFacts({ period: "2038-H1", accountsSpecified: 2 });
      let secondClaimed!: () => void;
      const afterSecondClaim = new Promise<void>((resolve) => (secondClaimed = resolve));
      // The first claims the marker, then waits until the second has found it pending, then finishes every step.
      const first = countClosedDemand(
        Object.assign(Object.create(store) as TransparencyStore, {
          claimMarker: async (marker: Parameters<TransparencyStore["claimMarker"]>[0]) => {
            const claimed = await store.claimMarker(marker);
            await afterSecondClaim;
            return claimed;
          },
        }),
        facts,
      );
      const second = countClosedDemand(
        Object.assign(Object.create(store) as TransparencyStore, {
          claimMarker: async (marker: Parameters<TransparencyStore["claimMarker"]>[0]) => {
            // Let the first create the marker, then read it as pending, then go on only once the first is done.
            await new Promise((resolve) => setTimeout(resolve, 20));
            const claimed = await store.claimMarker(marker);
            expect(claimed).toMatchObject({ created: false, marker: { state: "pending" } });
            secondClaimed();
            await first;
            return claimed;
          },
        }),
        facts,
      );
      await Promise.all([first, second]);
      expect(await store.listCells("2038-H1")).toEqual([expect.objectContaining({ demands: 1, accounts: 2 })]);
    });

    it("R11: counts a twice-delivered closing once when a rebuild ran between the first finishing and the second's increment", async () => {
      const store = await openStore();
      const facts = someFacts({ period: "2039-H1", accountsSpecified: 2 });
      // The second delivery reads the marker as pending, then waits; the first finishes; an operator rebuilds.
      await store.claimMarker({ demandId: facts.demandId, state: "pending", facts });
      const seenPending = await store.claimMarker({ demandId: facts.demandId, state: "pending", facts });
      expect(seenPending.marker.state).toBe("pending");
      await store.incrementOnce({ ...cellKeyOf(facts), id: cellIdOf(cellKeyOf(facts)) }, facts.demandId, facts.accountsSpecified);
      await store.completeMarker(facts.demandId);
      await rebuildCounters(store);
      // The second delivery goes on with the marker it read as pending.
      await store.incrementOnce({ ...cellKeyOf(facts), id: cellIdOf(cellKeyOf(facts)) }, facts.demandId, facts.accountsSpecified);
      await store.completeMarker(facts.demandId);
      expect(await store.listCells("2039-H1")).toEqual([expect.objectContaining({ demands: 1, accounts: 2 })]);
    });

    it("rebuilds exactly the counters the incremental path produced, including a pending one", async () => {
      const store = await openStore();
      const outcomes = ["rejected", "withdrawn", "no_data", "redirected", "disclosed_content", "challenged"] as const;
      const facts = Array.from({ length: 30 }, (_, i) =>
        someFacts({ period: "2036-H1", country: i % 3 === 0 ? "DE" : "US", outcome: outcomes[i % outcomes.length], enterprise: i % 4 === 0, secrecyOrder: i % 5 === 0, accountsSpecified: 1 + (i % 3) }),
      );
      for (const f of facts.slice(0, 29)) await countClosedDemand(store, f);
      // The last one crashes after its increment: pending marker, cell already holds it.
      await expect(countClosedDemand(crashingAfter(store, "incrementOnce"), facts[29]!)).rejects.toThrow();
      const incremental = sortById(await store.listCells("2036-H1"));
      expect(incremental).toEqual(sortById(aggregateCells(facts)));
      const summary = await rebuildCounters(store);
      expect(summary.cells).toBeGreaterThan(1);
      expect(sortById(await store.listCells("2036-H1"))).toEqual(incremental);
      // Finishing the pending one after the rebuild does not count it again.
      await countClosedDemand(store, facts[29]!);
      expect(sortById(await store.listCells("2036-H1"))).toEqual(incremental);
    });

    it("never loses a demand counted while a rebuild runs (the rebuild writes only cells unchanged since it read them)", async () => {
      const store = await openStore();
      const facts = Array.from({ length: 3 }, () => someFacts({ period: "2037-H1", accountsSpecified: 1 }));
      for (const f of facts) await countClosedDemand(store, f);
      const late = someFacts({ period: "2037-H1", accountsSpecified: 1 });
      let closedDuringRebuild = false;
      // A demand closes after the rebuild listed the markers and before it wrote the cells.
      const racing: TransparencyStore = Object.assign(Object.create(store) as TransparencyStore, {
        listMarkers: async () => {
          const listed = await store.listMarkers();
          if (!closedDuringRebuild) {
            closedDuringRebuild = true;
            await countClosedDemand(store, late);
          }
          return listed;
        },
      });
      await rebuildCounters(racing);
      expect(closedDuringRebuild).toBe(true);
      expect(await store.listCells("2037-H1")).toEqual([expect.objectContaining({ demands: 4, accounts: 4 })]);
    });

    it("R11: records a rebuild as running from its start until it completes, so a publish can refuse half-replaced counters", async () => {
      const store = await openStore();
      const before = await store.rebuildState();
      expect(before.started).toBe(before.completed);
      const run = await store.beginRebuild();
      expect(run).toBe(before.started + 1);
      expect(await store.rebuildState()).toEqual({ started: run, completed: before.completed });
      await store.completeRebuild(run);
      expect(await store.rebuildState()).toEqual({ started: run, completed: run });
      await rebuildCounters(store);
      const after = await store.rebuildState();
      expect(after.started).toBe(run + 1);
      expect(after.completed).toBe(after.started);
    });
  });
}
