import { randomBytes } from "node:crypto";
import { z } from "zod";

/** A signed-in staff member's session, as the encrypted cookie carries it. */
export const StaffSession = z.strictObject({
  /** The verified email, lower-cased: the identity decisions are recorded under. */
  email: z.email(),
  /** The ID token's issuer and subject: one person is one subject, whatever their email claim said at sign-in. */
  subject: z.string().min(3).max(1024),
  name: z.string().max(200).optional(),
  /** The synchronizer token every POST of this session must carry (CSRF). */
  csrf: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/),
});
export type StaffSession = z.infer<typeof StaffSession>;

/** A sign-in under way: what the callback must find again (OIDC state, nonce, PKCE verifier) and where to go after. */
export const LoginTransaction = z.strictObject({
  state: z.string().min(16).max(200),
  nonce: z.string().min(16).max(200),
  codeVerifier: z.string().min(43).max(128),
  returnTo: z.string().max(2000),
});
export type LoginTransaction = z.infer<typeof LoginTransaction>;

/** Seals and opens values as compact JWE (dir + A256GCM): encrypted and authenticated, with an expiry. */
export interface SealedCookies {
  seal(purpose: string, value: object, ttlSeconds: number): Promise<string>;
  /** The value, or null when the cookie is absent, forged, of another purpose or expired. */
  open(purpose: string, sealed: string | undefined): Promise<unknown>;
}

const ISSUER = "lawful-request-workflow";

/** Sealed cookies under the session key (at least 32 bytes; the first 32 are the AES-256-GCM key). */
export function makeSealedCookies(key: Uint8Array, now: () => Date = () => new Date()): SealedCookies {
  if (key.length < 32) throw new Error("the staff session key must be at least 32 bytes");
  const secret = Uint8Array.from(key.subarray(0, 32));
  // jose is ESM-only; the compiled app is CommonJS, so it is loaded with a dynamic import.
  const jose = import("jose");
  return {
    async seal(purpose, value, ttlSeconds) {
      const { EncryptJWT } = await jose;
      const iat = Math.floor(now().getTime() / 1000);
      return new EncryptJWT({ v: value })
        .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
        .setIssuer(ISSUER)
        .setAudience(purpose)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .encrypt(secret);
    },
    async open(purpose, sealed) {
      if (sealed === undefined || sealed.length === 0 || sealed.length > 8192) return null;
      const { jwtDecrypt } = await jose;
      try {
        const { payload } = await jwtDecrypt(sealed, secret, {
          issuer: ISSUER,
          audience: purpose,
          currentDate: now(),
          keyManagementAlgorithms: ["dir"],
          contentEncryptionAlgorithms: ["A256GCM"],
        });
        return payload.v ?? null;
      } catch {
        return null;
      }
    },
  };
}

/** A fresh CSRF synchronizer token (256 bits). */
export function newCsrfToken(): string {
  return randomBytes(32).toString("base64url");
}
