import type { Container } from "@azure/cosmos";
import { VettedRequester } from "../../domain/requester";
import type { RequesterRegistry, VersionedRequester } from "../../ports/requester-registry";
import { cosmosIdOf, fromCosmosItem, toCosmosItem } from "./cosmos-id";
import { replaceIfMatch } from "./replace-if-match";

/** The requester registry on a Cosmos DB container partitioned by /id; replaces are conditioned on the ETag. */
export class CosmosRequesterRegistry implements RequesterRegistry {
  constructor(private readonly container: Container) {}

  async create(requester: VettedRequester): Promise<void> {
    await this.container.items.create(toCosmosItem(requester));
  }

  async get(id: string): Promise<VettedRequester | null> {
    return (await this.read(id))?.requester ?? null;
  }

  async read(id: string): Promise<VersionedRequester | null> {
    const itemId = cosmosIdOf(id);
    const { resource, etag } = await this.container.item(itemId, itemId).read<Record<string, unknown>>();
    return resource === undefined ? null : { requester: VettedRequester.parse(fromCosmosItem(resource)), etag };
  }

  async replace(requester: VettedRequester, etag: string): Promise<boolean> {
    return (await replaceIfMatch(this.container, requester, etag)) !== null;
  }
}
