import type { Target } from "../domain/demand";
import { identifierKey, type Tenant } from "../domain/tenant";
import type { CustomerDirectory } from "../ports/customer-directory";
import { DisclosureError } from "./disclosure-error";

/** The approved identifiers of one tenant and the accounts they map to (key: identifierKey(type, value)). */
export interface TenantGroup {
  tenant: Tenant;
  accountsByTarget: Map<string, string>;
}

/** Maps the approved identifiers to accounts and groups them by tenant (in tenant id order); unknown ones drop out. */
export async function resolveTenantGroups(directory: CustomerDirectory, targets: readonly Target[]): Promise<TenantGroup[]> {
  const mappings = await directory.findAccounts(targets);
  const byTenant = new Map<string, Map<string, string>>();
  mappings.forEach((mapping, index) => {
    const target = targets[index];
    if (mapping === null || target === undefined) return;
    const accounts = byTenant.get(mapping.tenantId) ?? new Map<string, string>();
    accounts.set(identifierKey(target.type, target.value), mapping.accountId);
    byTenant.set(mapping.tenantId, accounts);
  });
  const tenantIds = [...byTenant.keys()].sort();
  const tenants = await directory.getTenants(tenantIds);
  return tenantIds.map((id) => {
    const tenant = tenants.get(id);
    if (tenant === undefined) throw new DisclosureError("TENANT_UNKNOWN", `tenant ${id} of an approved identifier is not in the customer directory`);
    return { tenant, accountsByTarget: byTenant.get(id) as Map<string, string> };
  });
}
