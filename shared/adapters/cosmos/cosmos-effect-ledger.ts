import type { Container } from "@azure/cosmos";
import type { EffectLedger } from "../../ports/effect-ledger";
import { cosmosIdOf, toCosmosItem } from "./cosmos-id";

interface EffectItem {
  id: string;
  state: "done";
  result: unknown;
  completedAt: string;
}

/** The effect ledger on a Cosmos DB container partitioned by /id (the effect key, made safe by cosmosIdOf). */
export class CosmosEffectLedger implements EffectLedger {
  constructor(
    private readonly container: Container,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async once<T>(key: string, effect: () => Promise<T>): Promise<T> {
    const id = cosmosIdOf(key);
    const { resource } = await this.container.item(id, id).read<EffectItem>();
    if (resource?.state === "done") return resource.result as T;
    const result = await effect();
    // A crash between the effect and this write repeats the effect once on retry: at-least-once, never silently skipped.
    await this.container.items.upsert(toCosmosItem({ id: key, state: "done", result: result ?? null, completedAt: this.now().toISOString() } satisfies EffectItem));
    return result;
  }
}
