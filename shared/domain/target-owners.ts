import { z } from "zod";
import { identifierKey, isEnterprise } from "./tenant";
import type { ResolvedTarget } from "./tenant-targets";

/** The account and customer one identifier of a demand reached when the demand came in. */
export const TargetOwner = z.strictObject({
  identifier: z.string(),
  accountId: z.string(),
  tenantId: z.string(),
  /** Whether that customer was an enterprise (R4) at intake, as the report counts it (R11); absent on demands recorded before it was kept. */
  enterprise: z.boolean().optional(),
});
export type TargetOwner = z.infer<typeof TargetOwner>;

/** The owners of the identifiers the directory knows, as intake found them. */
export function ownersOf(resolved: readonly ResolvedTarget[]): TargetOwner[] {
  return resolved.flatMap(({ target, account, tenant }) =>
    account === null || tenant === null ? [] : [{ identifier: identifierKey(target.type, target.value), accountId: account.accountId, tenantId: tenant.id, enterprise: isEnterprise(tenant) }],
  );
}

/**
 * Whether an identifier now reaches an account or customer other than the one it reached at intake, or one it did
 * not reach then (R4–R6: redirect, notice and review were about those). One now unknown is no change: it drops out.
 */
export function ownersChanged(owners: readonly TargetOwner[], resolved: readonly ResolvedTarget[]): boolean {
  const byIdentifier = new Map(owners.map((owner) => [owner.identifier, owner]));
  return resolved.some(({ target, account, tenant }) => {
    if (account === null || tenant === null) return false;
    const owner = byIdentifier.get(identifierKey(target.type, target.value));
    return owner === undefined || owner.accountId !== account.accountId || owner.tenantId !== tenant.id;
  });
}
