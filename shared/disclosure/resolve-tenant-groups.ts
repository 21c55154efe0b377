import type { Target } from "../domain/demand";
import { groupByTenant } from "../domain/tenant-targets";
import { ownersChanged, type TargetOwner } from "../domain/target-owners";
import { identifierKey, type Tenant } from "../domain/tenant";
import type { CustomerDirectory } from "../ports/customer-directory";
import { resolveTargets } from "../use-cases/resolve-targets";
import { DisclosureError } from "./disclosure-error";

/** The approved identifiers of one tenant and the accounts they map to (key: identifierKey(type, value)). */
export interface TenantGroup {
  tenant: Tenant;
  accountsByTarget: Map<string, string>;
}

/**
 * Maps the approved identifiers to accounts and groups them by tenant (in tenant id order); unknown ones drop out.
 * With the owners intake found, refuses (DIRECTORY_CHANGED) when an identifier has moved to another account or customer since.
 */
export async function resolveTenantGroups(directory: CustomerDirectory, targets: readonly Target[], owners?: readonly TargetOwner[]): Promise<TenantGroup[]> {
  const resolved = await resolveTargets(directory, targets);
  if (owners !== undefined && ownersChanged(owners, resolved)) {
    throw new DisclosureError("DIRECTORY_CHANGED", "an approved identifier now reaches another account or customer than when the demand came in; nothing was collected");
  }
  const orphan = resolved.find((r) => r.account !== null && r.tenant === null);
  if (orphan?.account) throw new DisclosureError("TENANT_UNKNOWN", `tenant ${orphan.account.tenantId} of an approved identifier is not in the customer directory`);
  return groupByTenant(resolved).map(({ tenant, targets: owned }) => ({
    tenant,
    accountsByTarget: new Map(owned.map(({ target, account }) => [identifierKey(target.type, target.value), account.accountId])),
  }));
}
