import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

const PREFIX = "lrw1";

/** A freshly issued credential: the token is shown once; only the hash is stored. */
export interface IssuedCredential {
  token: string;
  credentialId: string;
  credentialHash: string;
}

/** The parts of a presented bearer token. */
export interface PresentedCredential {
  requesterId: string;
  credentialId: string;
  secret: string;
}

/** Issues a random credential for a requester: `lrw1.<requesterId>.<credentialId>.<secret>`. */
export function issueCredential(requesterId: string): IssuedCredential {
  const credentialId = randomUUID();
  const secret = randomBytes(32).toString("base64url");
  return { token: `${PREFIX}.${requesterId}.${credentialId}.${secret}`, credentialId, credentialHash: hashSecret(secret) };
}

/** Splits a bearer token into its parts, or returns null when it is not one of ours. */
export function parseCredential(authorization: string | null): PresentedCredential | null {
  // RFC 9110 §11.1: the scheme is case-insensitive and one or more spaces follow it; the token itself is exact.
  const match = /^[Bb][Ee][Aa][Rr][Ee][Rr] +(lrw1)\.([A-Za-z0-9-]{1,64})\.([A-Za-z0-9-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(authorization ?? "");
  if (match === null) return null;
  return { requesterId: match[2]!, credentialId: match[3]!, secret: match[4]! };
}

/** True when the presented secret matches the stored hash (constant-time). */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

// A plain SHA-256 suffices: the secret is 256 random bits, so there is nothing for a slow hash to protect.
function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
