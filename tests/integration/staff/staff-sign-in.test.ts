import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { HttpResponseInit } from "@azure/functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStaffCallbackHandler, makeStaffLoginHandler, makeStaffLogoutHandler, type StaffAuthDeps } from "../../../functions/handlers/staff-auth-handlers";
import { startLocalOidcProvider, type LocalOidcProvider } from "../../../scripts/local-oidc-provider";
import { CookieJar } from "../../../scripts/staff-sign-in-client";
import { OpenIdStaffSignIn } from "../../../shared/adapters/oidc/openid-staff-sign-in";
import { readStaffSession } from "../../../shared/staff/staff-request";
import { makeSealedCookies } from "../../../shared/staff/staff-session";
import { aContext, aRequest } from "../../support/http";
import { InMemoryUsedTokens } from "../../unit/review/review-fixture";

const APP = "http://127.0.0.1:7999";
const CALLBACK = `${APP}/api/staff/callback`;
const ACCOUNTS = [
  { email: "ana.reviewer@contoso.example", name: "Ana", password: "ana-secret-1" },
  { email: "mallory@contoso.example", name: "Mallory", password: "mallory-secret" },
];

let provider: LocalOidcProvider;
let deps: StaffAuthDeps;
const dir = mkdtempSync(path.join(tmpdir(), "lrw-oidc-"));

beforeAll(async () => {
  provider = await startLocalOidcProvider({
    port: 0,
    accounts: ACCOUNTS,
    persistDir: dir,
    client: { clientId: "lrw-test", clientSecret: "test-client-secret", redirectUris: [CALLBACK] },
  });
  deps = {
    staffSignIn: new OpenIdStaffSignIn({ issuer: provider.issuer, clientId: "lrw-test", clientSecret: "test-client-secret", redirectUri: CALLBACK }),
    staffCookies: makeSealedCookies(Buffer.alloc(32, 9)),
    staff: { primary: ["ana.reviewer@contoso.example"], escalation: [], admins: [] },
    publicBaseUrl: APP,
    usedTokens: new InMemoryUsedTokens(),
  };
});

afterAll(async () => {
  await provider?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the login handler, the provider's form and returns the callback handler's answer plus the app's cookies. */
async function signIn(email: string, password: string, tamper: (query: URLSearchParams) => void = () => undefined, jar = new CookieJar()) {
  const login = await makeStaffLoginHandler(async () => deps)(aRequest({ url: `${APP}/api/staff/login?returnTo=/api/review/demands/d1` }), aContext());
  expect(login.status).toBe(302);
  const appCookies = (login.cookies ?? []).map((c) => `${c.name}=${c.value}`).join("; ");
  let url = String((login.headers as Record<string, string>).location);
  let init: RequestInit = {};
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), ...(jar.header(url) ? { cookie: jar.header(url)! } : {}) } });
    jar.store(url, response);
    const location = response.headers.get("location");
    if (location !== null && location.startsWith(CALLBACK)) {
      const query = new URL(location).searchParams;
      tamper(query);
      const callbackUrl = `${CALLBACK}?${query.toString()}`;
      return makeStaffCallbackHandler(async () => deps)(aRequest({ url: callbackUrl, headers: { cookie: appCookies } }), aContext());
    }
    if (location !== null) {
      url = new URL(location, url).href;
      init = {};
      continue;
    }
    const page = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (action === undefined || response.status === 401) return { status: response.status, body: page } as HttpResponseInit;
    url = new URL(action, url).href;
    init = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email, password }).toString() };
  }
  throw new Error("sign-in did not come back");
}

/** Follows the app's sign-out to the provider, as a browser would, confirming the provider's sign-out form. */
async function followProviderLogout(location: string, jar: CookieJar): Promise<void> {
  if (!location.startsWith(provider.issuer)) return;
  let url = location;
  let init: RequestInit = {};
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), ...(jar.header(url) ? { cookie: jar.header(url)! } : {}) } });
    jar.store(url, response);
    const next = response.headers.get("location");
    if (next !== null) {
      url = new URL(next, url).href;
      init = {};
      continue;
    }
    const page = await response.text();
    const form = /<form[^>]*method="post"[^>]*action="([^"]+)"[^>]*>\s*<input type="hidden" name="xsrf" value="([^"]+)"/.exec(page);
    if (form === null) return;
    url = new URL(form[1]!, url).href;
    init = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ xsrf: form[2]!, logout: "yes" }).toString() };
  }
}

function sessionOf(response: HttpResponseInit) {
  const cookie = (response.cookies ?? []).find((c) => c.name === "lrw_staff");
  return readStaffSession(aRequest({ headers: { cookie: `lrw_staff=${cookie?.value ?? ""}` } }), deps.staffCookies, deps.usedTokens);
}

describe("staff sign-in against the local OpenID provider", () => {
  it("a reviewer signs in with the right password and gets a session under the verified email", async () => {
    const response = await signIn("Ana.Reviewer@contoso.example", "ana-secret-1");
    expect(response.status).toBe(303);
    expect((response.headers as Record<string, string>).location).toBe("/api/review/demands/d1");
    const cookie = response.cookies?.find((c) => c.name === "lrw_staff");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/api/" });
    const session = await sessionOf(response);
    expect(session?.email).toBe("ana.reviewer@contoso.example");
    expect(session?.subject).toBe(`${provider.issuer} ana.reviewer@contoso.example`);
  });

  it("a wrong password gets no session", async () => {
    const response = await signIn("ana.reviewer@contoso.example", "guess");
    expect(response.status).toBe(401);
    expect(response.cookies ?? []).toEqual([]);
  });

  it("a person who is not staff gets no session", async () => {
    const response = await signIn("mallory@contoso.example", "mallory-secret");
    expect(response.status).toBe(403);
    expect(await sessionOf(response)).toBeNull();
  });

  it("a callback whose state was altered is refused", async () => {
    const response = await signIn("ana.reviewer@contoso.example", "ana-secret-1", (q) => q.set("state", "x".repeat(43)));
    expect(response.status).toBe(401);
    expect(await sessionOf(response)).toBeNull();
  });

  it("R8: after signing out, the next sign-in in the same browser asks for the password again, never silently as the previous reviewer", async () => {
    const jar = new CookieJar();
    const first = await signIn("ana.reviewer@contoso.example", "ana-secret-1", undefined, jar);
    expect(first.status).toBe(303);
    const cookie = first.cookies!.find((c) => c.name === "lrw_staff")!;
    const session = (await sessionOf(first))!;
    const out = await makeStaffLogoutHandler(async () => deps)(
      aRequest({ method: "POST", url: `${APP}/api/staff/logout`, headers: { cookie: `lrw_staff=${cookie.value}`, "content-type": "application/x-www-form-urlencoded" }, body: `csrf=${session.csrf}` }),
      aContext(),
    );
    await followProviderLogout(String((out.headers as Record<string, string> | undefined)?.location ?? ""), jar);
    // The cookie as it was before sign-out (kept, or copied to another browser) is no session any more.
    expect(await sessionOf(first)).toBeNull();
    // Someone else at the same browser: whatever password they type, they must be asked for one.
    const next = await signIn("ana.reviewer@contoso.example", "not-anas-password", undefined, jar);
    expect(next.status).toBe(401);
    expect(await sessionOf(next)).toBeNull();
  });

  it("a callback without the sign-in cookie is refused", async () => {
    const response = await makeStaffCallbackHandler(async () => deps)(aRequest({ url: `${CALLBACK}?code=abc&state=def` }), aContext());
    expect(response.status).toBe(400);
  });
});
