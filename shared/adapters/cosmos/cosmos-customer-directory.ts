import type { Container } from "@azure/cosmos";
import type { Target } from "../../domain/demand";
import { AccountMapping, identifierKey, Tenant } from "../../domain/tenant";
import type { CustomerDirectory } from "../../ports/customer-directory";
import { stripSystemProperties } from "./strip-system-properties";

/** The customer directory on two Cosmos DB containers: tenants and identifier → account mappings (id = identifierKey). */
export class CosmosCustomerDirectory implements CustomerDirectory {
  constructor(
    private readonly tenants: Container,
    private readonly accounts: Container,
  ) {}

  async findAccounts(targets: readonly Target[]): Promise<(AccountMapping | null)[]> {
    return Promise.all(
      targets.map(async (target) => {
        const key = identifierKey(target.type, target.value);
        const { resource } = await this.accounts.item(key, key).read<Record<string, unknown>>();
        return resource === undefined ? null : AccountMapping.parse(stripSystemProperties(resource));
      }),
    );
  }

  async getTenants(ids: readonly string[]): Promise<Map<string, Tenant>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(
      unique.map(async (id) => {
        const { resource } = await this.tenants.item(id, id).read<Record<string, unknown>>();
        return resource === undefined ? null : Tenant.parse(stripSystemProperties(resource));
      }),
    );
    return new Map(found.filter((t): t is Tenant => t !== null).map((t) => [t.id, t]));
  }

  async upsertTenant(tenant: Tenant): Promise<void> {
    await this.tenants.items.upsert(Tenant.parse(tenant));
  }

  async upsertAccount(account: AccountMapping): Promise<void> {
    const parsed = AccountMapping.parse(account);
    if (parsed.id !== identifierKey(parsed.identifierType, parsed.identifierValue)) {
      throw new Error("account mapping id must be the identifier key");
    }
    await this.accounts.items.upsert(parsed);
  }
}
