import type { Target } from "./demand";
import { isEnterprise, type AccountMapping, type ClassifiedTarget, type Tenant } from "./tenant";
import { joinTargets } from "./tenant-targets";

/** Joins each target with the account and tenant the directory holds for it (enterprise, data location, key option, de-linked). */
export function classifyTargets(
  targets: readonly Target[],
  accounts: readonly (AccountMapping | null)[],
  tenants: ReadonlyMap<string, Tenant>,
): ClassifiedTarget[] {
  return joinTargets(targets, accounts, tenants).map(({ target, account, tenant }) => {
    if (account === null || tenant === null) {
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
