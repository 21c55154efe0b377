import { parseCredential, secretMatches } from "../auth/requester-credential";
import type { VettedRequester } from "../domain/requester";
import { DomainError } from "../errors/domain-error";
import type { RequesterRegistry } from "../ports/requester-registry";

/** Resolves the bearer token of a request to an active vetted requester (or a suspended one where `allowSuspended`), or throws 401/403. */
export async function authenticateRequester(registry: RequesterRegistry, authorization: string | null, options: { allowSuspended?: boolean } = {}): Promise<VettedRequester> {
  const presented = parseCredential(authorization);
  if (presented === null) throw unauthenticated();
  const requester = await registry.get(presented.requesterId);
  if (requester === null || requester.credentialId !== presented.credentialId || !secretMatches(presented.secret, requester.credentialHash)) {
    throw unauthenticated();
  }
  if (requester.status === "suspended" && options.allowSuspended !== true) throw new DomainError("requester-suspended", "This requester's portal access is suspended.");
  if (requester.status === "revoked") throw new DomainError("requester-revoked", "This requester's portal access has been revoked.");
  return requester;
}

function unauthenticated(): DomainError {
  return new DomainError("unauthenticated", "A valid requester credential is required (Authorization: Bearer lrw1.…).");
}
