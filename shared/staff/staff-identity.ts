/** The pools a review round asks: the primary reviewers, or (once escalated) the escalation pool as well. */
export type ReviewerPool = "primary" | "escalation";

/** Who the staff are: reviewers by pool, and administrators. */
export interface StaffDirectory {
  primary: readonly string[];
  escalation: readonly string[];
  admins: readonly string[];
}

/**
 * The identity of a signed-in person from the ID token's claims: the email claim unless the provider says it is
 * unverified, else Entra's preferred_username when it is an address; lower-cased. Null when neither is usable.
 */
export function identityFromClaims(claims: Record<string, unknown>): string | null {
  const email = claims.email;
  if (typeof email === "string" && claims.email_verified !== false && isAddress(email)) return email.trim().toLowerCase();
  const preferred = claims.preferred_username;
  if (typeof preferred === "string" && isAddress(preferred)) return preferred.trim().toLowerCase();
  return null;
}

function isAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) && value.length <= 254;
}

/** True when the person is staff at all (a reviewer of either pool or an administrator). */
export function isStaff(directory: StaffDirectory, email: string): boolean {
  return [...directory.primary, ...directory.escalation, ...directory.admins].includes(email);
}

/** True when the person may decide in a round asked of `pool`: primary members always, escalation members once escalated. */
export function mayDecide(directory: StaffDirectory, email: string, pool: ReviewerPool): boolean {
  if (directory.primary.includes(email)) return true;
  return pool === "escalation" && directory.escalation.includes(email);
}
