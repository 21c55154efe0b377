import type { Target } from "../domain/demand";
import { groupByTenant } from "../domain/tenant-targets";
import { identifierKey, type Tenant } from "../domain/tenant";
import type { CustomerDirectory } from "../ports/customer-directory";
import { resolveTargets } from "../use-cases/resolve-targets";
import { DisclosureError } from "./disclosure-error";

/** The approved identifiers of one tenant and the accounts they map to (key: identifierKey(type, value)). */
export interface TenantGroup {
  tenant: Tenant;
  accountsByTarget: Map<string, string>;
}

/** Maps the approved identifiers to accounts and groups them by tenant (in tenant id order); unknown ones drop out. */
export async function resolveTenantGroups(directory: CustomerDirectory, targets: readonly Target[]): Promise<TenantGroup[]> {
  const resolved = await resolveTargets(directory, targets);
  const orphan = resolved.find((r) => r.account !== null && r.tenant === null);
  if (orphan?.account) throw new DisclosureError("TENANT_UNKNOWN", `tenant ${orphan.account.tenantId} of an approved identifier is not in the customer directory`);
  return groupByTenant(resolved).map(({ tenant, targets: owned }) => ({
    tenant,
    accountsByTarget: new Map(owned.map(({ target, account }) => [identifierKey(target.type, target.value), account.accountId])),
  }));
}
