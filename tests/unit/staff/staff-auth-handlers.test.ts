import { InvocationContext } from "@azure/functions";
import { describe, expect, it } from "vitest";
import {
  makeStaffCallbackHandler,
  makeStaffLoginHandler,
  makeStaffLogoutHandler,
  makeStaffSessionHandler,
  type StaffAuthDeps,
} from "../../../functions/handlers/staff-auth-handlers";
import type { StaffSignIn } from "../../../shared/ports/staff-sign-in";
import { LOGIN_COOKIE, readStaffSession, SESSION_COOKIE } from "../../../shared/staff/staff-request";
import { makeSealedCookies } from "../../../shared/staff/staff-session";
import { aContext, aRequest } from "../../support/http";
import { InMemoryUsedTokens } from "../review/review-fixture";

/** A provider stand-in that checks the callback carries the state it issued, then vouches for `claims`. */
function aSignIn(claims: Record<string, unknown>): StaffSignIn & { completed: number } {
  return {
    completed: 0,
    async start() {
      return { url: "https://login.example/authorize?state=s-123", state: "s".repeat(20), nonce: "n".repeat(20), codeVerifier: "v".repeat(43) };
    },
    async complete(query, checks) {
      if (query.get("state") !== checks.state) throw new Error("state mismatch");
      this.completed += 1;
      return claims;
    },
    async endSessionUrl() {
      return "https://login.example/logout?client_id=lrw";
    },
  };
}

function deps(claims: Record<string, unknown>, publicBaseUrl = "https://lrw.example"): StaffAuthDeps & { staffSignIn: ReturnType<typeof aSignIn> } {
  return {
    staffSignIn: aSignIn(claims),
    staffCookies: makeSealedCookies(Buffer.alloc(32, 1)),
    staff: { primary: ["ana@x.example"], escalation: [], admins: ["admin@x.example"] },
    publicBaseUrl,
    usedTokens: new InMemoryUsedTokens(),
  };
}

async function loginThenCallback(d: StaffAuthDeps, returnTo: string, state = "s".repeat(20)) {
  const login = await makeStaffLoginHandler(async () => d)(aRequest({ url: `https://lrw.example/api/staff/login?returnTo=${encodeURIComponent(returnTo)}` }), aContext());
  const cookie = login.cookies?.find((c) => c.name === LOGIN_COOKIE);
  const callback = await makeStaffCallbackHandler(async () => d)(
    aRequest({ url: `https://lrw.example/api/staff/callback?code=c&state=${state}`, headers: { cookie: `${LOGIN_COOKIE}=${cookie?.value ?? ""}` } }),
    aContext(),
  );
  return { login, callback };
}

describe("staff sign-in handlers", () => {
  it("start at the provider with a sealed, HttpOnly, Secure (https), Lax sign-in cookie", async () => {
    const d = deps({ iss: "https://idp.example", sub: "s-1", email: "ana@x.example", email_verified: true });
    const { login } = await loginThenCallback(d, "/api/review/demands/d1");
    expect(login.status).toBe(302);
    expect((login.headers as Record<string, string>).location).toBe("https://login.example/authorize?state=s-123");
    expect(login.cookies?.[0]).toMatchObject({ name: LOGIN_COOKIE, httpOnly: true, secure: true, sameSite: "Lax" });
    expect(login.cookies?.[0]?.value).not.toContain("v".repeat(43));
  });

  it("start a session for a staff member and return to the page asked for, never elsewhere", async () => {
    const d = deps({ iss: "https://idp.example", sub: "s-1", email: "Ana@X.example", email_verified: true });
    const { callback } = await loginThenCallback(d, "/api/review/demands/d1?round=review-1");
    expect(callback.status).toBe(303);
    expect((callback.headers as Record<string, string>).location).toBe("/api/review/demands/d1?round=review-1");
    const session = callback.cookies?.find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax" });
    expect(await readStaffSession(aRequest({ headers: { cookie: `${SESSION_COOKIE}=${session?.value}` } }), d.staffCookies, d.usedTokens)).toMatchObject({ email: "ana@x.example" });
    const elsewhere = await loginThenCallback(deps({ iss: "https://idp.example", sub: "s-1", email: "ana@x.example", email_verified: true }), "https://evil.example/");
    expect((elsewhere.callback.headers as Record<string, string>).location).toBe("/api/staff/session");
  });

  it("make cookies Secure only when the app is served over https", async () => {
    const { login } = await loginThenCallback(deps({ iss: "https://idp.example", sub: "s-1", email: "ana@x.example", email_verified: true }, "http://localhost:7071"), "/api/staff/session");
    expect(login.cookies?.[0]?.secure).toBe(false);
  });

  it("give no session to someone who is not staff, or whose email the provider does not vouch for", async () => {
    for (const claims of [{ email: "mallory@x.example" }, { email: "ana@x.example", email_verified: false }, { sub: "1" }]) {
      const { callback } = await loginThenCallback(deps(claims), "/api/staff/session");
      expect(callback.status).toBe(403);
      expect(callback.cookies?.some((c) => c.name === SESSION_COOKIE && c.value !== "")).toBe(false);
    }
  });

  it("R8: give no session on an email the provider does not say is verified (Entra never sends email_verified), nor on preferred_username", async () => {
    const entra = { iss: "https://login.microsoftonline.com/t1/v2.0", sub: "s-mallory", oid: "o-mallory", tid: "t1" };
    for (const claims of [
      { ...entra, email: "ana@x.example", preferred_username: "mallory@x.example" },
      { ...entra, preferred_username: "ana@x.example" },
      { ...entra, email: "ana@x.example", xms_edov: false },
    ]) {
      const { callback } = await loginThenCallback(deps(claims), "/api/staff/session");
      expect(callback.status).toBe(403);
      expect(callback.cookies?.some((c) => c.name === SESSION_COOKIE && c.value !== "")).toBe(false);
    }
    const warnings: string[] = [];
    const d = deps({ ...entra, email: "ana@x.example" });
    const login = await makeStaffLoginHandler(async () => d)(aRequest({ url: "https://lrw.example/api/staff/login" }), aContext());
    const context = new InvocationContext({ logHandler: (level, ...args) => level === "warning" && warnings.push(args.join(" ")) });
    await makeStaffCallbackHandler(async () => d)(
      aRequest({ url: `https://lrw.example/api/staff/callback?code=c&state=${"s".repeat(20)}`, headers: { cookie: `${LOGIN_COOKIE}=${login.cookies![0]!.value}` } }),
      context,
    );
    expect(warnings).toEqual([expect.stringContaining("xms_edov")]);
    expect(warnings.join("")).not.toContain("ana@x.example");
    const verifiedByDomainOwner = await loginThenCallback(deps({ ...entra, email: "ana@x.example", xms_edov: true }), "/api/staff/session");
    expect(verifiedByDomainOwner.callback.status).toBe(303);
  });

  it("refuse a callback without the sign-in cookie, or whose state differs", async () => {
    const d = deps({ iss: "https://idp.example", sub: "s-1", email: "ana@x.example", email_verified: true });
    const bare = await makeStaffCallbackHandler(async () => d)(aRequest({ url: "https://lrw.example/api/staff/callback?code=c&state=x" }), aContext());
    expect(bare.status).toBe(400);
    const { callback } = await loginThenCallback(d, "/api/staff/session", "forged-state");
    expect(callback.status).toBe(401);
    expect(d.staffSignIn.completed).toBe(0);
  });

  it("sign out only with the session's CSRF token, then at the provider when it can be reached", async () => {
    const d = deps({ iss: "https://idp.example", sub: "s-1", email: "ana@x.example", email_verified: true });
    const { callback } = await loginThenCallback(d, "/api/staff/session");
    const session = callback.cookies!.find((c) => c.name === SESSION_COOKIE)!;
    const csrf = (await readStaffSession(aRequest({ headers: { cookie: `${SESSION_COOKIE}=${session.value}` } }), d.staffCookies, d.usedTokens))!.csrf;
    const post = (body: string) =>
      makeStaffLogoutHandler(async () => d)(
        aRequest({ method: "POST", url: "https://lrw.example/api/staff/logout", headers: { cookie: `${SESSION_COOKIE}=${session.value}`, "content-type": "application/x-www-form-urlencoded" }, body }),
        aContext(),
      );
    expect((await post("csrf=wrong")).status).toBe(403);
    const out = await post(`csrf=${csrf}`);
    expect(out.status).toBe(303);
    expect((out.headers as Record<string, string>).location).toBe("https://login.example/logout?client_id=lrw");
    expect(out.cookies?.find((c) => c.name === SESSION_COOKIE)?.maxAge).toBe(0);
    d.staffSignIn.endSessionUrl = async () => Promise.reject(new Error("provider down"));
    const unreachable = await post(`csrf=${csrf}`);
    expect(unreachable.status).toBe(200);
    expect(unreachable.cookies?.find((c) => c.name === SESSION_COOKIE)?.maxAge).toBe(0);
  });

  it("R8: a session cookie kept from before sign-out (copied to another browser, or replayed) is no longer a session", async () => {
    const d = deps({ iss: "https://idp.example", sub: "s-1", email: "ana@x.example", email_verified: true });
    const { callback } = await loginThenCallback(d, "/api/staff/session");
    const kept = callback.cookies!.find((c) => c.name === SESSION_COOKIE)!.value;
    const withKept = (init: Parameters<typeof aRequest>[0] = {}) => aRequest({ ...init, headers: { ...(init.headers ?? {}), cookie: `${SESSION_COOKIE}=${kept}` } });
    const session = (await readStaffSession(withKept(), d.staffCookies, d.usedTokens))!;
    const page = async () => String((await makeStaffSessionHandler(async () => d)(withKept({ url: "https://lrw.example/api/staff/session" }), aContext())).body);
    expect(await page()).toContain("You are signed in as");
    const out = await makeStaffLogoutHandler(async () => d)(
      withKept({ method: "POST", url: "https://lrw.example/api/staff/logout", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `csrf=${session.csrf}` }),
      aContext(),
    );
    expect(out.status).toBe(303);
    expect(await readStaffSession(withKept(), d.staffCookies, d.usedTokens)).toBeNull();
    expect(await page()).toContain("Not signed in");
    // A new sign-in is a new session, unaffected.
    const again = (await loginThenCallback(d, "/api/staff/session")).callback.cookies!.find((c) => c.name === SESSION_COOKIE)!.value;
    expect(await readStaffSession(aRequest({ headers: { cookie: `${SESSION_COOKIE}=${again}` } }), d.staffCookies, d.usedTokens)).toMatchObject({ email: "ana@x.example" });
  });
});
