import type { HttpResponseInit, InvocationContext } from "@azure/functions";
import { describeError } from "../../shared/http/problem-response";
import type { StaffSignIn } from "../../shared/ports/staff-sign-in";
import type { UsedTokenStore } from "../../shared/ports/used-token-store";
import { html } from "../../shared/review/html";
import { htmlResponse, messageResponse } from "../../shared/review/html-response";
import { renderPage } from "../../shared/review/render-page";
import { clearedCookie, readCookie, staffCookie } from "../../shared/staff/cookies";
import { identityFromClaims, isStaff, subjectFromClaims, type StaffDirectory } from "../../shared/staff/staff-identity";
import {
  csrfProblem,
  endedSessionKey,
  LOGIN_COOKIE,
  LOGIN_TTL_SECONDS,
  readStaffSession,
  safeReturnTo,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
} from "../../shared/staff/staff-request";
import { LoginTransaction, newCsrfToken, type SealedCookies } from "../../shared/staff/staff-session";
import { withProblems, type HttpHandler } from "./with-problems";

/** What staff sign-in needs. */
export interface StaffAuthDeps {
  staffSignIn: StaffSignIn;
  staffCookies: SealedCookies;
  staff: StaffDirectory;
  publicBaseUrl: string;
  /** Where signed-out sessions are marked, so their cookies open nothing afterwards. */
  usedTokens: UsedTokenStore;
}

/** Cookies are Secure whenever the app is served over https (always in Azure). */
function secure(deps: StaffAuthDeps): boolean {
  return deps.publicBaseUrl.startsWith("https:");
}

/** GET /api/staff/login?returnTo=/api/…: starts the OpenID Connect sign-in (code + PKCE, state, nonce). */
export function makeStaffLoginHandler(resolve: (context: InvocationContext) => Promise<StaffAuthDeps>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const returnTo = safeReturnTo(request.query.get("returnTo"));
    let start;
    try {
      start = await deps.staffSignIn.start();
    } catch (error) {
      context.error(`staff sign-in provider unavailable: ${describeError(error)}`);
      return messageResponse({ status: 503, title: "Sign-in is unavailable just now", message: "The staff sign-in service did not answer. Try again in a few minutes." });
    }
    const transaction: LoginTransaction = { state: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier, returnTo };
    const sealed = await deps.staffCookies.seal(LOGIN_COOKIE, transaction, LOGIN_TTL_SECONDS);
    return {
      status: 302,
      headers: { location: start.url, "cache-control": "no-store" },
      cookies: [staffCookie(LOGIN_COOKIE, sealed, { secure: secure(deps), maxAgeSeconds: LOGIN_TTL_SECONDS })],
    };
  });
}

/** GET /api/staff/callback: completes the sign-in, checks the person is staff and starts the session. */
export function makeStaffCallbackHandler(resolve: (context: InvocationContext) => Promise<StaffAuthDeps>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const clearLogin = clearedCookie(LOGIN_COOKIE, secure(deps));
    const transaction = LoginTransaction.safeParse(await deps.staffCookies.open(LOGIN_COOKIE, readCookie(request, LOGIN_COOKIE)));
    if (!transaction.success) {
      return withCookies(messageResponse({ status: 400, title: "The sign-in expired or did not start here", message: "Open the page you wanted again and sign in from there." }), [clearLogin]);
    }
    let claims: Record<string, unknown>;
    try {
      claims = await deps.staffSignIn.complete(request.query, transaction.data);
    } catch (error) {
      context.warn(`staff sign-in not completed: ${describeError(error)}`);
      return withCookies(messageResponse({ status: 401, title: "The sign-in was not completed", message: "The sign-in service did not confirm who you are. Open the page again and sign in." }), [clearLogin]);
    }
    const email = identityFromClaims(claims);
    const subject = subjectFromClaims(claims);
    if (email === null && typeof claims.email === "string") {
      // Without this, a provider set up before email verification was required refuses all staff with no clue why.
      context.warn("staff sign-in refused: the ID token's email claim is not marked verified (email_verified, or Entra's optional claim xms_edov: docs/deploy.md §5)");
    }
    if (email === null || subject === null || !isStaff(deps.staff, email)) {
      return withCookies(
        messageResponse({ status: 403, title: "This account is not a reviewer or administrator", message: "Sign in with the staff account the compliance team registered." }),
        [clearLogin],
      );
    }
    const name = typeof claims.name === "string" ? claims.name.slice(0, 200) : undefined;
    const session = await deps.staffCookies.seal(SESSION_COOKIE, { email, subject, ...(name === undefined ? {} : { name }), csrf: newCsrfToken() }, SESSION_TTL_SECONDS);
    return {
      status: 303,
      headers: { location: transaction.data.returnTo, "cache-control": "no-store" },
      cookies: [clearLogin, staffCookie(SESSION_COOKIE, session, { secure: secure(deps), maxAgeSeconds: SESSION_TTL_SECONDS })],
    };
  });
}

/** GET /api/staff/session: who is signed in, with a sign-out button (changes nothing). */
export function makeStaffSessionHandler(resolve: (context: InvocationContext) => Promise<StaffAuthDeps>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const session = await readStaffSession(request, deps.staffCookies, deps.usedTokens);
    if (session === null) {
      return htmlResponse(200, renderPage("Not signed in", html`<h1>Not signed in</h1><p><a href="/api/staff/login">Sign in with your staff account</a></p>`));
    }
    return htmlResponse(
      200,
      renderPage(
        "Signed in",
        html`<h1>Signed in</h1><p>You are signed in as <strong>${session.email}</strong>.</p>
<form method="post" action="/api/staff/logout"><input type="hidden" name="csrf" value="${session.csrf}"><button type="submit">Sign out</button></form>`,
      ),
    );
  });
}

/**
 * POST /api/staff/logout: ends the session (CSRF-checked like every staff POST), then sends the browser to the
 * provider's sign-out, so the next person at this browser is asked for a password instead of signed in silently.
 */
export function makeStaffLogoutHandler(resolve: (context: InvocationContext) => Promise<StaffAuthDeps>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const session = await readStaffSession(request, deps.staffCookies, deps.usedTokens);
    const form = new URLSearchParams((await request.text()).slice(0, 4096));
    if (session !== null) {
      const problem = csrfProblem(request, session, form, deps.publicBaseUrl);
      if (problem !== null) return messageResponse({ status: 403, title: "Not signed out", message: problem });
    }
    // Before anything else can fail: a copy of this cookie must not outlive the sign-out.
    if (session !== null) await deps.usedTokens.markUsed(endedSessionKey(session));
    const cleared = [clearedCookie(SESSION_COOKIE, secure(deps))];
    // Only after a checked POST of a real session: another site must not sign staff out of the provider.
    if (session !== null) {
      const providerSignOut = await deps.staffSignIn.endSessionUrl().catch((error: unknown) => {
        context.warn(`staff sign-out at the provider unavailable: ${describeError(error)}`);
        return null;
      });
      if (providerSignOut !== null) return { status: 303, headers: { location: providerSignOut, "cache-control": "no-store" }, cookies: cleared };
    }
    return withCookies(
      htmlResponse(200, renderPage("Signed out", html`<h1>Signed out</h1><p>You are signed out of this app. Close the browser to end your sign-in at the identity provider as well.</p>`)),
      cleared,
    );
  });
}

function withCookies(response: HttpResponseInit, cookies: NonNullable<HttpResponseInit["cookies"]>): HttpResponseInit {
  return { ...response, cookies: [...(response.cookies ?? []), ...cookies] };
}
