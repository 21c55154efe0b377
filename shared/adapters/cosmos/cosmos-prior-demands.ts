import type { Container } from "@azure/cosmos";
import type { Target } from "../../domain/demand";
import type { PriorDemandCount, PriorDemands } from "../../ports/prior-demands";

/** Earlier demands naming any of the same identifiers, from the demands container (R12 context for reviewers). */
export class CosmosPriorDemands implements PriorDemands {
  constructor(private readonly container: Container) {}

  async forTargets(targets: readonly Target[], excludeId: string): Promise<PriorDemandCount> {
    if (targets.length === 0) return { count: 0, outcomes: {} };
    // One parameter per identifier; ARRAY_CONTAINS with partial matching compares type and value only.
    const parameters = targets.slice(0, 50).map((t, i) => ({ name: `@t${i}`, value: { type: t.type, value: t.value } }));
    const matches = parameters.map((p) => `ARRAY_CONTAINS(c.body.targets, ${p.name}, true)`).join(" OR ");
    const { resources } = await this.container.items
      .query<{ id: string; status: string; outcome?: string }>({
        query: `SELECT c.id, c.status, c.outcome FROM c WHERE c.id != @id AND (${matches})`,
        parameters: [{ name: "@id", value: excludeId }, ...parameters],
      })
      .fetchAll();
    const outcomes: Record<string, number> = {};
    for (const r of resources) {
      const key = r.outcome ?? `open (${r.status})`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
    return { count: resources.length, outcomes };
  }
}
