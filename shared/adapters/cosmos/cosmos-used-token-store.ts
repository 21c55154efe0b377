import type { Container } from "@azure/cosmos";
import type { UsedTokenStore } from "../../ports/used-token-store";
import { hasStatus } from "./strip-system-properties";

/** Spent review tokens on the usedReviewTokens container: one item per token id; creating it twice is a 409. */
export class CosmosUsedTokenStore implements UsedTokenStore {
  constructor(private readonly container: Container) {}

  async markUsed(jti: string): Promise<boolean> {
    try {
      await this.container.items.create({ id: jti });
      return true;
    } catch (error) {
      if (hasStatus(error, 409)) return false;
      throw error;
    }
  }

  async isUsed(jti: string): Promise<boolean> {
    const { resource } = await this.container.item(jti, jti).read();
    return resource !== undefined;
  }

  async release(jti: string): Promise<void> {
    try {
      await this.container.item(jti, jti).delete();
    } catch (error) {
      if (!hasStatus(error, 404)) throw error;
    }
  }
}
