import type { Target } from "./demand";
import type { AccountMapping, Tenant } from "./tenant";

/** A target with the account the directory maps it to and that account's tenant (null where the directory has none). */
export interface ResolvedTarget {
  target: Target;
  account: AccountMapping | null;
  tenant: Tenant | null;
}

/** One tenant and the targets that reach its accounts. */
export interface TenantTargets {
  tenant: Tenant;
  targets: { target: Target; account: AccountMapping }[];
}

/**
 * The one place targets are joined to accounts and tenants (intake classification, customer notices, disclosure):
 * `accounts[i]` is the directory's mapping of `targets[i]`, `tenants` the tenants of those accounts.
 */
export function joinTargets(
  targets: readonly Target[],
  accounts: readonly (AccountMapping | null)[],
  tenants: ReadonlyMap<string, Tenant>,
): ResolvedTarget[] {
  return targets.map((target, index) => {
    const account = accounts[index] ?? null;
    return { target, account, tenant: account === null ? null : (tenants.get(account.tenantId) ?? null) };
  });
}

/** Groups the targets whose account and tenant are known by tenant, in tenant id order. */
export function groupByTenant(resolved: readonly ResolvedTarget[]): TenantTargets[] {
  const groups = new Map<string, TenantTargets>();
  for (const { target, account, tenant } of resolved) {
    if (account === null || tenant === null) continue;
    const group = groups.get(tenant.id) ?? { tenant, targets: [] };
    group.targets.push({ target, account });
    groups.set(tenant.id, group);
  }
  return [...groups.values()].sort((a, b) => (a.tenant.id < b.tenant.id ? -1 : a.tenant.id > b.tenant.id ? 1 : 0));
}
