import type { HttpRequest } from "@azure/functions";
import { createHash, timingSafeEqual } from "node:crypto";
import type { UsedTokenStore } from "../ports/used-token-store";
import { readCookie } from "./cookies";
import { StaffSession, type SealedCookies } from "./staff-session";

/** The session cookie's name and the purpose its sealed value is bound to. */
export const SESSION_COOKIE = "lrw_staff";
/** The sign-in-in-progress cookie's name and purpose. */
export const LOGIN_COOKIE = "lrw_login";
/** How long a staff session lasts before signing in again. */
export const SESSION_TTL_SECONDS = 8 * 3600;
/** How long a sign-in may take at the provider. */
export const LOGIN_TTL_SECONDS = 10 * 60;

/**
 * The used-token key that marks a session signed out. A session's CSRF token is drawn afresh at each sign-in, so its
 * hash names the session without storing anything that could be replayed.
 */
export function endedSessionKey(session: StaffSession): string {
  return `staff-session-ended:${createHash("sha256").update(session.csrf).digest("base64url")}`;
}

/**
 * The signed-in staff member of a request, or null (no cookie, forged, expired, or signed out: the cookie is sealed
 * and stateless, so a copy kept from before sign-out would otherwise stay valid until it expires).
 */
export async function readStaffSession(request: Pick<HttpRequest, "headers">, cookies: SealedCookies, endedSessions: Pick<UsedTokenStore, "isUsed">): Promise<StaffSession | null> {
  const value = await cookies.open(SESSION_COOKIE, readCookie(request, SESSION_COOKIE));
  const parsed = StaffSession.safeParse(value);
  if (!parsed.success) return null;
  return (await endedSessions.isUsed(endedSessionKey(parsed.data))) ? null : parsed.data;
}

/**
 * CSRF check of a staff POST: the form's synchronizer token equals the session's, and a browser's Origin (when sent)
 * is the app's own. Returns why not, or null when the POST may proceed.
 */
export function csrfProblem(request: Pick<HttpRequest, "headers">, session: StaffSession, form: URLSearchParams, publicBaseUrl: string): string | null {
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== "null" && origin !== new URL(publicBaseUrl).origin) return "The form was posted from another site.";
  if (origin === "null") return "The form was posted from another site.";
  if (request.headers.get("sec-fetch-site") === "cross-site") return "The form was posted from another site.";
  const given = Buffer.from(form.get("csrf") ?? "");
  const expected = Buffer.from(session.csrf);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "The form is out of date or was not sent from this site's page.";
  return null;
}

/** A safe place to return to after sign-in: a path on this app under /api/, never another origin. */
export function safeReturnTo(value: string | null): string {
  if (value === null || !value.startsWith("/api/") || value.startsWith("//") || /[\\\r\n]/.test(value) || value.length > 2000) return "/api/staff/session";
  return value;
}

/** Where an unsigned visitor is sent to sign in first, coming back to `path`. */
export function loginUrl(path: string): string {
  return `/api/staff/login?returnTo=${encodeURIComponent(safeReturnTo(path))}`;
}
