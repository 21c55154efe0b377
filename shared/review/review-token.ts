import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { EmailAddress } from "../domain/primitives";
import { ReviewKind, RoundName } from "./review-kind";

const CLAIMS = {
  /** The token id; the single-use store remembers it once the token is spent. */
  jti: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  demandId: z.string().min(1).max(128),
  round: RoundName,
  kind: ReviewKind,
  /** Issued and expires, in whole seconds since the epoch. */
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
};

/**
 * What a review token says: which demand and round the mailed deep link opens, for whom it was mailed (as a keyed tag:
 * a forwarded or logged link must not tell who reviews), until when. It is not a credential: deciding needs the staff sign-in.
 */
export const ReviewTokenClaims = z.strictObject({
  ...CLAIMS,
  /** HMAC of the reviewer's lower-case email under the token key: only the issuer can tell whom it names. */
  reviewerTag: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});
export type ReviewTokenClaims = z.infer<typeof ReviewTokenClaims>;

/** Why a token was not accepted. */
export type TokenFailure = "forged" | "expired" | "malformed";

/** The result of verifying a token. */
export type TokenVerification = { ok: true; claims: ReviewTokenClaims } | { ok: false; failure: TokenFailure };

/** What the issuer chooses for a new token. */
export interface TokenRequest {
  demandId: string;
  reviewer: string;
  round: string;
  kind: ReviewKind;
  issuedAt: Date;
  expiresAt: Date;
  /** Defaults to a random UUID. */
  jti?: string;
}

/** Signs and verifies review-link tokens with one HMAC-SHA256 key. */
export interface ReviewTokens {
  /** A compact, URL-safe token: base64url(JSON claims) "." base64url(HMAC). */
  issue(request: TokenRequest): string;
  /** The claims of a genuine, unexpired token, or why not; never consults the single-use store. */
  verify(token: string, now: Date): TokenVerification;
  /** The tag a token carries for this reviewer email. */
  reviewerTag(reviewer: string): string;
}

// Links mailed before they stopped naming the reviewer (they stay valid until they expire; never issued any more).
const LegacyClaims = z.strictObject({ ...CLAIMS, reviewer: EmailAddress });

const MIN_KEY_BYTES = 32;
const MAX_TOKEN_CHARS = 2048;
const MAC_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
// Binds the MAC to this use, so the same key could never vouch for another kind of token.
const DOMAIN = "lrw.review-token.v1.";
const REVIEWER_DOMAIN = "lrw.review-token.reviewer.v1.";
const TAG_BYTES = 16;

/** Review tokens under `key` (at least 32 random bytes, from Key Vault / config, never code). */
export function makeReviewTokens(key: Uint8Array): ReviewTokens {
  if (key.length < MIN_KEY_BYTES) throw new Error(`the review token key must be at least ${MIN_KEY_BYTES} bytes`);
  const secret = Buffer.from(key);
  const mac = (payload: string): Buffer => createHmac("sha256", secret).update(DOMAIN).update(payload).digest();
  const reviewerTag = (reviewer: string): string =>
    createHmac("sha256", secret).update(REVIEWER_DOMAIN).update(reviewer.trim().toLowerCase()).digest().subarray(0, TAG_BYTES).toString("base64url");

  return {
    issue(request) {
      const claims = ReviewTokenClaims.parse({
        jti: request.jti ?? randomUUID(),
        demandId: request.demandId,
        reviewerTag: reviewerTag(EmailAddress.parse(request.reviewer.trim().toLowerCase())),
        round: request.round,
        kind: request.kind,
        iat: Math.floor(request.issuedAt.getTime() / 1000),
        exp: Math.floor(request.expiresAt.getTime() / 1000),
      });
      if (claims.exp <= claims.iat) throw new Error("a review token must expire after it is issued");
      const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
      return `${payload}.${mac(payload).toString("base64url")}`;
    },

    verify(token, now) {
      if (token.length > MAX_TOKEN_CHARS) return { ok: false, failure: "malformed" };
      const parts = token.split(".");
      const [payload, signature] = parts;
      if (parts.length !== 2 || payload === undefined || signature === undefined) return { ok: false, failure: "malformed" };
      if (!BASE64URL.test(payload) || !BASE64URL.test(signature)) return { ok: false, failure: "malformed" };
      const given = Buffer.from(signature, "base64url");
      if (given.length !== MAC_BYTES) return { ok: false, failure: "malformed" };
      if (!timingSafeEqual(given, mac(payload))) return { ok: false, failure: "forged" };
      const claims = parseClaims(payload, reviewerTag);
      if (claims === null) return { ok: false, failure: "malformed" };
      if (now.getTime() >= claims.exp * 1000) return { ok: false, failure: "expired" };
      return { ok: true, claims };
    },

    reviewerTag,
  };
}

function parseClaims(payload: string, reviewerTag: (reviewer: string) => string): ReviewTokenClaims | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const result = ReviewTokenClaims.safeParse(value);
  if (result.success) return result.data;
  const legacy = LegacyClaims.safeParse(value);
  if (!legacy.success) return null;
  const { reviewer, ...rest } = legacy.data;
  return { ...rest, reviewerTag: reviewerTag(reviewer) };
}

/** The review page's address for a token. */
export function reviewLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/api/review/${token}`;
}

/** The demand's review page (for a round), which signed-in staff open; Teams cards link here. */
export function reviewPageLink(publicBaseUrl: string, demandId: string, round?: string): string {
  const base = `${publicBaseUrl.replace(/\/+$/, "")}/api/review/demands/${encodeURIComponent(demandId)}`;
  return round === undefined ? base : `${base}?round=${encodeURIComponent(round)}`;
}
