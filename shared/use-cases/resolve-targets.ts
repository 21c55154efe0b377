import type { Target } from "../domain/demand";
import { joinTargets, type ResolvedTarget } from "../domain/tenant-targets";
import type { CustomerDirectory } from "../ports/customer-directory";

/** Looks the targets up in the customer directory: each with its account and tenant (see joinTargets). */
export async function resolveTargets(directory: CustomerDirectory, targets: readonly Target[]): Promise<ResolvedTarget[]> {
  if (targets.length === 0) return [];
  const accounts = await directory.findAccounts(targets);
  const tenants = await directory.getTenants([...new Set(accounts.flatMap((a) => (a === null ? [] : [a.tenantId])))]);
  return joinTargets(targets, accounts, tenants);
}
