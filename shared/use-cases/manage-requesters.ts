import { randomUUID } from "node:crypto";
import { issueCredential } from "../auth/requester-credential";
import type { RequesterProfile, RequesterStatus, VetRequesterInput, VettedRequester } from "../domain/requester";
import { DomainError } from "../http/domain-error";
import type { RequesterRegistry } from "../ports/requester-registry";

/** A requester's profile together with a credential that is shown only this once. */
export interface ProfileWithCredential {
  requester: RequesterProfile;
  credential: string;
}

/** Vets a new requester and issues its first credential. */
export async function vetRequester(registry: RequesterRegistry, input: VetRequesterInput, now: Date): Promise<ProfileWithCredential> {
  const id = randomUUID();
  const issued = issueCredential(id);
  const at = now.toISOString();
  const requester: VettedRequester = {
    ...input,
    id,
    status: "active",
    credentialId: issued.credentialId,
    credentialHash: issued.credentialHash,
    vettedAt: at,
    updatedAt: at,
  };
  await registry.create(requester);
  return { requester: toProfile(requester), credential: issued.token };
}

/** Issues a new credential; the old one stops working at once. Revoked requesters cannot be given one. */
export async function rotateCredential(registry: RequesterRegistry, id: string, now: Date): Promise<ProfileWithCredential> {
  const requester = await requireRequester(registry, id);
  if (requester.status === "revoked") throw new DomainError("invalid-state", "A revoked requester cannot be issued a credential.");
  const issued = issueCredential(id);
  const updated = { ...requester, credentialId: issued.credentialId, credentialHash: issued.credentialHash, updatedAt: now.toISOString() };
  await registry.replace(updated);
  return { requester: toProfile(updated), credential: issued.token };
}

/** Moves a requester to a new status; revocation is final. */
export async function setRequesterStatus(registry: RequesterRegistry, id: string, status: RequesterStatus, now: Date): Promise<RequesterProfile> {
  const requester = await requireRequester(registry, id);
  if (requester.status === "revoked" && status !== "revoked") throw new DomainError("invalid-state", "Revocation is final.");
  const updated = { ...requester, status, updatedAt: now.toISOString() };
  await registry.replace(updated);
  return toProfile(updated);
}

/** Reads a requester's profile. */
export async function getRequesterProfile(registry: RequesterRegistry, id: string): Promise<RequesterProfile> {
  return toProfile(await requireRequester(registry, id));
}

async function requireRequester(registry: RequesterRegistry, id: string): Promise<VettedRequester> {
  const requester = await registry.get(id);
  if (requester === null) throw new DomainError("not-found", "No requester has this id.");
  return requester;
}

function toProfile(requester: VettedRequester): RequesterProfile {
  const { credentialHash: _hash, ...profile } = requester;
  return profile;
}
