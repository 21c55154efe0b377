import type { Target } from "../domain/demand";
import { identifierKey } from "../domain/tenant";

/**
 * The first folder of each account's items in a package (key: account id): "identifier-<n>", n the position (from 1) in
 * the demand of the first identifier that reaches the account. The requester named those identifiers; the provider's
 * internal account id is not theirs to learn (R6), and a position stays put when a reviewer narrows others out.
 */
export function packageFolders(demandTargets: readonly Target[], accountsByTarget: ReadonlyMap<string, string>): Map<string, string> {
  const folders = new Map<string, string>();
  demandTargets.forEach((target, index) => {
    const accountId = accountsByTarget.get(identifierKey(target.type, target.value));
    if (accountId !== undefined && !folders.has(accountId)) folders.set(accountId, `identifier-${index + 1}`);
  });
  return folders;
}
