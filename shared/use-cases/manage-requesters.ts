import { createHash } from "node:crypto";
import { issueCredential } from "../auth/requester-credential";
import { VetRequesterInput, type RequesterProfile, type RequesterStatus, type VettedRequester } from "../domain/requester";
import { DomainError } from "../errors/domain-error";
import type { RequesterRegistry } from "../ports/requester-registry";
import { recipientKeyProblem } from "../package/recipient-key";

/** A requester's profile together with a credential that is shown only this once. */
export interface ProfileWithCredential {
  requester: RequesterProfile;
  credential: string;
}

/** How long after vetting a retried vetting call may still replace the credential its lost response carried. */
const VETTING_REPLAY_MS = 24 * 60 * 60 * 1000;

/**
 * Vets a new requester (its delivery key must be one packages can be wrapped to) and issues its first credential, once
 * per Idempotency-Key: a retry of the call (same key, same input) answers the same requester with a credential that
 * replaces the first (shown once and hashed, it cannot be shown again), so one call never leaves two live credentials.
 */
export async function vetRequester(registry: RequesterRegistry, input: VetRequesterInput, now: Date, idempotencyKey: string): Promise<ProfileWithCredential & { replayed: boolean }> {
  const keyProblem = recipientKeyProblem(input.deliveryPublicKeyPem);
  if (keyProblem !== null) {
    throw new DomainError("validation-failed", "The delivery public key cannot receive packages.", [{ path: "deliveryPublicKeyPem", message: keyProblem }]);
  }
  const id = requesterIdFor(idempotencyKey);
  if ((await registry.get(id)) === null) {
    const issued = issueCredential(id);
    const at = now.toISOString();
    const requester: VettedRequester = { ...input, id, status: "active", credentialId: issued.credentialId, credentialHash: issued.credentialHash, vettedAt: at, updatedAt: at };
    try {
      await registry.create(requester);
      return { requester: toProfile(requester), credential: issued.token, replayed: false };
    } catch (error) {
      // A concurrent retry created it first: answer as its replay.
      if ((await registry.get(id)) === null) throw error;
    }
  }
  return { ...(await replayVetting(registry, id, input, now)), replayed: true };
}

/** The requester id for a vetting call's Idempotency-Key: stable, so a retried call lands on the same requester. */
export function requesterIdFor(idempotencyKey: string): string {
  return `req-${createHash("sha256").update(`vet\n${idempotencyKey}`).digest("hex").slice(0, 32)}`;
}

async function replayVetting(registry: RequesterRegistry, id: string, input: VetRequesterInput, now: Date): Promise<ProfileWithCredential> {
  const found = await registry.get(id);
  if (found === null) throw new DomainError("conflict", "The requester was changed by someone else at the same time; try again.");
  const inputKeys = new Set([...Object.keys(VetRequesterInput.shape), ...Object.keys(input)]);
  const same = [...inputKeys].every((key) => JSON.stringify((found as Record<string, unknown>)[key]) === JSON.stringify((input as Record<string, unknown>)[key]));
  if (!same) throw new DomainError("idempotency-key-reused", "This Idempotency-Key was already used to vet a requester with different details.");
  // Past the retry window, or once suspended or revoked, a replay must not silently replace a credential in use.
  if (found.status !== "active" || now.getTime() - Date.parse(found.vettedAt) > VETTING_REPLAY_MS) {
    throw new DomainError("invalid-state", "This requester was already vetted with this Idempotency-Key; its credential was shown once. Use rotate-credential to issue a new one.");
  }
  return rotateCredential(registry, id, now);
}

/** How many times an administrative change re-reads and retries after another change won the race. */
const MAX_ATTEMPTS = 5;

/** Issues a new credential; the old one stops working at once. Revoked requesters cannot be given one. */
export async function rotateCredential(registry: RequesterRegistry, id: string, now: Date): Promise<ProfileWithCredential> {
  let token = "";
  const updated = await changeRequester(registry, id, (requester) => {
    if (requester.status === "revoked") throw new DomainError("invalid-state", "A revoked requester cannot be issued a credential.");
    const issued = issueCredential(id);
    token = issued.token;
    return { ...requester, credentialId: issued.credentialId, credentialHash: issued.credentialHash, updatedAt: now.toISOString() };
  });
  return { requester: toProfile(updated), credential: token };
}

/** Moves a requester to a new status; revocation is final. */
export async function setRequesterStatus(registry: RequesterRegistry, id: string, status: RequesterStatus, now: Date): Promise<RequesterProfile> {
  const updated = await changeRequester(registry, id, (requester) => {
    if (requester.status === "revoked" && status !== "revoked") throw new DomainError("invalid-state", "Revocation is final.");
    return { ...requester, status, updatedAt: now.toISOString() };
  });
  return toProfile(updated);
}

/**
 * Reads the requester, applies `change` and writes it only if nobody changed it since the read (ETag); on a lost
 * race it reads again, so the rules in `change` (revocation is final) always judge the latest state.
 */
async function changeRequester(registry: RequesterRegistry, id: string, change: (requester: VettedRequester) => VettedRequester): Promise<VettedRequester> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const found = await registry.read(id);
    if (found === null) throw new DomainError("not-found", "No requester has this id.");
    const updated = change(found.requester);
    if (await registry.replace(updated, found.etag)) return updated;
  }
  throw new DomainError("conflict", "The requester was changed by someone else at the same time; try again.");
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
