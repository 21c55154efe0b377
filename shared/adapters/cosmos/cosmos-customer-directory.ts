import type { Container } from "@azure/cosmos";
import type { Target } from "../../domain/demand";
import { AccountMapping, identifierKey, Tenant } from "../../domain/tenant";
import type { CustomerDirectory } from "../../ports/customer-directory";
import { cosmosIdOf, fromCosmosItem, toCosmosItem } from "./cosmos-id";

/**
 * The customer directory on two Cosmos DB containers: tenants and identifier → account mappings
 * (natural id = identifierKey; a key Cosmos DB cannot hold, such as "ip:203.0.113.0/24", is stored hashed).
 */
export class CosmosCustomerDirectory implements CustomerDirectory {
  constructor(
    private readonly tenants: Container,
    private readonly accounts: Container,
  ) {}

  async findAccounts(targets: readonly Target[]): Promise<(AccountMapping | null)[]> {
    return Promise.all(
      targets.map(async (target) => {
        const key = cosmosIdOf(identifierKey(target.type, target.value));
        const { resource } = await this.accounts.item(key, key).read<Record<string, unknown>>();
        return resource === undefined ? null : AccountMapping.parse(fromCosmosItem(resource));
      }),
    );
  }

  async getTenants(ids: readonly string[]): Promise<Map<string, Tenant>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(
      unique.map(async (id) => {
        const itemId = cosmosIdOf(id);
        const { resource } = await this.tenants.item(itemId, itemId).read<Record<string, unknown>>();
        return resource === undefined ? null : Tenant.parse(fromCosmosItem(resource));
      }),
    );
    return new Map(found.filter((t): t is Tenant => t !== null).map((t) => [t.id, t]));
  }

  async upsertTenant(tenant: Tenant): Promise<void> {
    await this.tenants.items.upsert(toCosmosItem(Tenant.parse(tenant)));
  }

  async upsertAccount(account: AccountMapping): Promise<void> {
    const parsed = AccountMapping.parse(account);
    if (parsed.id !== identifierKey(parsed.identifierType, parsed.identifierValue)) {
      throw new Error("account mapping id must be the identifier key");
    }
    await this.accounts.items.upsert(toCosmosItem(parsed));
  }
}
