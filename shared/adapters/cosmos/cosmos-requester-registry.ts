import type { Container } from "@azure/cosmos";
import { VettedRequester } from "../../domain/requester";
import type { RequesterRegistry } from "../../ports/requester-registry";
import { stripSystemProperties } from "./strip-system-properties";

/** The requester registry on a Cosmos DB container partitioned by /id. */
export class CosmosRequesterRegistry implements RequesterRegistry {
  constructor(private readonly container: Container) {}

  async create(requester: VettedRequester): Promise<void> {
    await this.container.items.create(requester);
  }

  async get(id: string): Promise<VettedRequester | null> {
    const { resource } = await this.container.item(id, id).read<Record<string, unknown>>();
    return resource === undefined ? null : VettedRequester.parse(stripSystemProperties(resource));
  }

  async replace(requester: VettedRequester): Promise<void> {
    await this.container.item(requester.id, requester.id).replace(requester);
  }
}
