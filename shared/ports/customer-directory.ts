import type { AccountMapping, Tenant } from "../domain/tenant";
import type { Target } from "../domain/demand";

/** The customer directory: tenants and the identifiers that map to their accounts. */
export interface CustomerDirectory {
  /** Finds the account each target maps to (same order; null when unknown). */
  findAccounts(targets: readonly Target[]): Promise<(AccountMapping | null)[]>;
  /** Reads tenants by id. */
  getTenants(ids: readonly string[]): Promise<Map<string, Tenant>>;
  /** Adds or replaces a tenant. */
  upsertTenant(tenant: Tenant): Promise<void>;
  /** Adds or replaces an identifier mapping. */
  upsertAccount(account: AccountMapping): Promise<void>;
}
