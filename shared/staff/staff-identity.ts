/** The pools a review round asks: the primary reviewers, or (once escalated) the escalation pool as well. */
export type ReviewerPool = "primary" | "escalation";

/** Who the staff are: reviewers by pool, and administrators. */
export interface StaffDirectory {
  primary: readonly string[];
  escalation: readonly string[];
  admins: readonly string[];
}

/**
 * The identity of a signed-in person from the ID token's claims: the email claim, lower-cased, only when the provider
 * vouches for it (email_verified, or Entra's xms_edov: the email's domain is verified by the user's tenant). Null else.
 */
export function identityFromClaims(claims: Record<string, unknown>): string | null {
  const email = claims.email;
  // Entra sends no email_verified and its email claim is the editable mail attribute (nOAuth); preferred_username is
  // documented as mutable and not for authorization, so neither is trusted on its own.
  if (typeof email === "string" && (claims.email_verified === true || isTrue(claims.xms_edov)) && isAddress(email)) return email.trim().toLowerCase();
  return null;
}

/**
 * The person's stable key at the provider: the ID token's issuer and subject (never reassigned, unlike an email). Null
 * when either is missing.
 */
export function subjectFromClaims(claims: Record<string, unknown>): string | null {
  const { iss, sub } = claims;
  if (typeof iss !== "string" || typeof sub !== "string" || iss.length === 0 || sub.length === 0) return null;
  return `${iss} ${sub}`;
}

// Entra has emitted xms_edov both as a JSON boolean and as "1"/"true".
function isTrue(value: unknown): boolean {
  return value === true || value === 1 || value === "1" || value === "true";
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
