import type { Target } from "./demand";
import { isEnterprise, type AccountMapping, type ClassifiedTarget, type Tenant } from "./tenant";

/** Joins each target with the account and tenant the directory holds for it (enterprise, data location, key option, de-linked). */
export function classifyTargets(
  targets: readonly Target[],
  accounts: readonly (AccountMapping | null)[],
  tenants: ReadonlyMap<string, Tenant>,
): ClassifiedTarget[] {
  return targets.map((target, index) => {
    const account = accounts[index] ?? null;
    const tenant = account === null ? undefined : tenants.get(account.tenantId);
    if (account === null || tenant === undefined) {
      return { type: target.type, value: target.value, found: false, enterprise: false, delinked: false };
    }
    return {
      type: target.type,
      value: target.value,
      found: true,
      accountId: account.accountId,
      tenantId: tenant.id,
      enterprise: isEnterprise(tenant),
      dataCountry: tenant.dataCountry,
      delinked: tenant.delinkedServices.includes(account.service),
      keyOption: tenant.keyOption,
    };
  });
}
