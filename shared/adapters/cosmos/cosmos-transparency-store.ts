import type { Container } from "@azure/cosmos";
import type { CellVersions, CountMarker, RebuildState, RebuiltCell, TransparencyStore } from "../../ports/transparency-store";
import { ClosedDemandFacts } from "../../transparency/closed-demand-facts";
import type { CellKey, CounterCell } from "../../transparency/counter-cell";
import { demandToken } from "../../transparency/demand-token";
import { cosmosIdOf, NATURAL_ID_FIELD, toCosmosItem } from "./cosmos-id";
import { hasStatus } from "./strip-system-properties";

const MARKER_PREFIX = "counted:";
/** The one item recording rebuilds started and completed (kind "rebuilds", never a cell or a marker). */
const REBUILDS_ID = "rebuilds";

// The report reads only the counts, never the tokens, which grow with every demand a cell counts (O(cells), not O(demands)).
const CELL_FIELDS = ["id", NATURAL_ID_FIELD, "period", "country", "requesterKind", "nationalSecurity", "outcome", "enterprise", "secrecyOrder", "emergency", "contentOutsideRequesterCountry", "demands", "accounts"]
  .map((field) => `c.${field}`)
  .join(", ");

interface CellItem extends CounterCell {
  kind: "cell";
  /** The natural cell id when the stored id is its hash (see cosmosIdOf). */
  naturalId?: string;
  /** Tokens of the demands whose increment this cell holds. */
  applied: Record<string, true>;
}

interface MarkerItem {
  id: string;
  kind: "marker";
  demandId: string;
  state: "pending" | "done";
  facts: ClosedDemandFacts;
}

/**
 * Transparency counters and "counted" markers on the Cosmos DB container `transparency` (partition /id):
 * markers are "counted:<demandId>", cells "cell:…" (see cellIdOf), each stored under cosmosIdOf of that. The once-only increment is a single patch
 * (incr demands, incr accounts, set applied.<token>) conditioned on the token being absent.
 */
export class CosmosTransparencyStore implements TransparencyStore {
  constructor(private readonly container: Container) {}

  async claimMarker(marker: CountMarker): Promise<{ created: boolean; marker: CountMarker }> {
    const item = toCosmosItem<MarkerItem>({ id: `${MARKER_PREFIX}${marker.demandId}`, kind: "marker", ...marker });
    try {
      await this.container.items.create(item);
      return { created: true, marker };
    } catch (error) {
      if (!hasStatus(error, 409)) throw error;
    }
    const { resource } = await this.container.item(item.id, item.id).read<MarkerItem>();
    if (resource === undefined) throw new Error("counted marker vanished after a conflict");
    return { created: false, marker: toMarker(resource) };
  }

  async incrementOnce(cell: CellKey & { id: string }, demandId: string, accounts: number): Promise<boolean> {
    const token = demandToken(demandId);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const id = cosmosIdOf(cell.id);
        await this.container.item(id, id).patch({
          operations: [
            { op: "incr", path: "/demands", value: 1 },
            { op: "incr", path: "/accounts", value: accounts },
            { op: "set", path: `/applied/${token}`, value: true },
          ],
          condition: `from c where NOT IS_DEFINED(c.applied.${token})`,
        });
        return true;
      } catch (error) {
        if (hasStatus(error, 412)) return false;
        if (!hasStatus(error, 404)) throw error;
      }
      await this.createEmptyCell(cell);
    }
    throw new Error("counter cell could not be created");
  }

  async completeMarker(demandId: string): Promise<void> {
    const id = cosmosIdOf(`${MARKER_PREFIX}${demandId}`);
    await this.container.item(id, id).patch([{ op: "set", path: "/state", value: "done" }]);
  }

  async listCells(period: string): Promise<CounterCell[]> {
    const { resources } = await this.container.items
      .query<CellItem>({ query: `SELECT ${CELL_FIELDS} FROM c WHERE c.kind = 'cell' AND c.period = @period`, parameters: [{ name: "@period", value: period }] })
      .fetchAll();
    return resources.map(toCell);
  }

  async listMarkers(): Promise<CountMarker[]> {
    const { resources } = await this.container.items.query<MarkerItem>("SELECT * FROM c WHERE c.kind = 'marker'").fetchAll();
    return resources.map(toMarker);
  }

  async cellVersions(): Promise<CellVersions> {
    const { resources } = await this.container.items.query<{ id: string; _etag: string }>("SELECT c.id, c._etag FROM c WHERE c.kind = 'cell'").fetchAll();
    return new Map(resources.map((r) => [r.id, r._etag]));
  }

  async replaceAllCells(cells: readonly RebuiltCell[], versions: CellVersions): Promise<boolean> {
    const keep = new Set(cells.map((c) => cosmosIdOf(c.id)));
    try {
      for (const [id, etag] of versions) {
        if (!keep.has(id)) await this.container.item(id, id).delete({ accessCondition: { type: "IfMatch", condition: etag } });
      }
      for (const { countedDemandIds, ...cell } of cells) {
        const item = toCosmosItem<CellItem>({ ...cell, kind: "cell", applied: Object.fromEntries(countedDemandIds.map((d) => [demandToken(d), true])) });
        const etag = versions.get(item.id);
        if (etag === undefined) await this.container.items.create(item);
        else await this.container.item(item.id, item.id).replace(item, { accessCondition: { type: "IfMatch", condition: etag } });
      }
      return true;
    } catch (error) {
      // 412: changed since read; 409: created since read; 404: deleted since read. The caller starts over.
      if (hasStatus(error, 412) || hasStatus(error, 409) || hasStatus(error, 404)) return false;
      throw error;
    }
  }

  async beginRebuild(): Promise<number> {
    const item = this.container.item(REBUILDS_ID, REBUILDS_ID);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      try {
        const { resource, etag } = await item.read<RebuildState & { id: string; kind: string }>();
        if (resource === undefined) {
          await this.container.items.create({ id: REBUILDS_ID, kind: "rebuilds", started: 1, completed: 0 });
          return 1;
        }
        const started = resource.started + 1;
        await item.replace({ ...resource, started }, { accessCondition: { type: "IfMatch", condition: etag } });
        return started;
      } catch (error) {
        // 409: created by another rebuild since the read; 412: changed since. Read again.
        if (!hasStatus(error, 409) && !hasStatus(error, 412)) throw error;
      }
    }
    throw new Error("the rebuild record kept changing");
  }

  async completeRebuild(run: number): Promise<void> {
    await this.container.item(REBUILDS_ID, REBUILDS_ID).patch([{ op: "set", path: "/completed", value: run }]);
  }

  async rebuildState(): Promise<RebuildState> {
    const { resource } = await this.container.item(REBUILDS_ID, REBUILDS_ID).read<RebuildState>();
    return resource === undefined ? { started: 0, completed: 0 } : { started: resource.started, completed: resource.completed };
  }

  private async createEmptyCell(cell: CellKey & { id: string }): Promise<void> {
    const item = toCosmosItem<CellItem>({ ...cell, kind: "cell", demands: 0, accounts: 0, applied: {} });
    try {
      await this.container.items.create(item);
    } catch (error) {
      if (!hasStatus(error, 409)) throw error;
    }
  }
}

function toMarker(item: MarkerItem): CountMarker {
  return { demandId: item.demandId, state: item.state, facts: ClosedDemandFacts.parse(item.facts) };
}

function toCell(item: CellItem): CounterCell {
  return {
    id: item[NATURAL_ID_FIELD] ?? item.id,
    period: item.period,
    country: item.country,
    requesterKind: item.requesterKind,
    nationalSecurity: item.nationalSecurity,
    outcome: item.outcome,
    enterprise: item.enterprise,
    secrecyOrder: item.secrecyOrder,
    emergency: item.emergency,
    contentOutsideRequesterCountry: item.contentOutsideRequesterCountry,
    demands: item.demands,
    accounts: item.accounts,
  };
}
