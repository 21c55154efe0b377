import type { Container } from "@azure/cosmos";
import type { UsedTokenStore } from "../../ports/used-token-store";
import { cosmosIdOf, toCosmosItem } from "./cosmos-id";
import { hasStatus } from "./strip-system-properties";

/** Spent review tokens on the usedReviewTokens container: one item per token id; creating it twice is a 409. */
export class CosmosUsedTokenStore implements UsedTokenStore {
  constructor(private readonly container: Container) {}

  async markUsed(jti: string): Promise<boolean> {
    try {
      await this.container.items.create(toCosmosItem({ id: jti }));
      return true;
    } catch (error) {
      if (hasStatus(error, 409)) return false;
      throw error;
    }
  }

  async isUsed(jti: string): Promise<boolean> {
    const id = cosmosIdOf(jti);
    const { resource } = await this.container.item(id, id).read();
    return resource !== undefined;
  }

  async release(jti: string): Promise<void> {
    const id = cosmosIdOf(jti);
    try {
      await this.container.item(id, id).delete();
    } catch (error) {
      if (!hasStatus(error, 404)) throw error;
    }
  }
}
