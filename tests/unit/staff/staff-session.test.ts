import { describe, expect, it } from "vitest";
import { readCookie } from "../../../shared/staff/cookies";
import { identityFromClaims, isStaff, mayDecide } from "../../../shared/staff/staff-identity";
import { csrfProblem, loginUrl, readStaffSession, safeReturnTo, SESSION_COOKIE } from "../../../shared/staff/staff-request";
import { makeSealedCookies, newCsrfToken } from "../../../shared/staff/staff-session";
import { InMemoryUsedTokens } from "../review/review-fixture";
import { aRequest } from "../../support/http";

const KEY = Buffer.alloc(32, 3);
const NOW = new Date("2026-11-21T12:00:00Z");
const STAFF = { primary: ["ana@x.example"], escalation: ["lead@x.example"], admins: ["admin@x.example"] };

describe("sealed staff cookies", () => {
  it("open what they sealed, for the same purpose, until they expire", async () => {
    const cookies = makeSealedCookies(KEY, () => NOW);
    const sealed = await cookies.seal(SESSION_COOKIE, { email: "ana@x.example", subject: "https://idp.example ana", csrf: newCsrfToken() }, 60);
    expect(sealed).not.toContain("ana@x.example");
    expect(await cookies.open(SESSION_COOKIE, sealed)).toMatchObject({ email: "ana@x.example" });
    expect(await cookies.open("lrw_login", sealed)).toBeNull();
    expect(await makeSealedCookies(KEY, () => new Date(NOW.getTime() + 61_000)).open(SESSION_COOKIE, sealed)).toBeNull();
    expect(await makeSealedCookies(Buffer.alloc(32, 4), () => NOW).open(SESSION_COOKIE, sealed)).toBeNull();
  });

  it("refuse a tampered or absent cookie", async () => {
    const cookies = makeSealedCookies(KEY, () => NOW);
    const sealed = await cookies.seal(SESSION_COOKIE, { email: "ana@x.example", subject: "https://idp.example ana", csrf: newCsrfToken() }, 60);
    const parts = sealed.split(".");
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith("AA") ? "BB" : "AA"}`;
    expect(await cookies.open(SESSION_COOKIE, parts.join("."))).toBeNull();
    expect(await cookies.open(SESSION_COOKIE, undefined)).toBeNull();
    expect(await cookies.open(SESSION_COOKIE, "garbage")).toBeNull();
  });

  it("refuse a key shorter than 32 bytes", () => {
    expect(() => makeSealedCookies(Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it("read a session only from the session cookie, and only a well-formed one", async () => {
    const cookies = makeSealedCookies(KEY, () => NOW);
    const good = await cookies.seal(SESSION_COOKIE, { email: "ana@x.example", subject: "https://idp.example ana", csrf: newCsrfToken() }, 60);
    expect(await readStaffSession(aRequest({ headers: { cookie: `other=1; ${SESSION_COOKIE}=${good}` } }), cookies, new InMemoryUsedTokens())).toMatchObject({ email: "ana@x.example" });
    const odd = await cookies.seal(SESSION_COOKIE, { email: "not an email", csrf: "x" }, 60);
    expect(await readStaffSession(aRequest({ headers: { cookie: `${SESSION_COOKIE}=${odd}` } }), cookies, new InMemoryUsedTokens())).toBeNull();
    expect(readCookie(aRequest({ headers: { cookie: "a=1; b=2" } }), "b")).toBe("2");
  });
});

describe("CSRF check of staff posts", () => {
  const session = { email: "ana@x.example", subject: "https://idp.example ana", csrf: newCsrfToken() };
  const base = "https://lrw.example";
  it("passes the page's own form with the session's token", () => {
    expect(csrfProblem(aRequest({ headers: { origin: base } }), session, new URLSearchParams({ csrf: session.csrf }), base)).toBeNull();
    expect(csrfProblem(aRequest({}), session, new URLSearchParams({ csrf: session.csrf }), base)).toBeNull();
  });
  it("refuses another token, no token, another origin, an opaque origin or a cross-site fetch", () => {
    expect(csrfProblem(aRequest({}), session, new URLSearchParams({ csrf: newCsrfToken() }), base)).not.toBeNull();
    expect(csrfProblem(aRequest({}), session, new URLSearchParams(), base)).not.toBeNull();
    expect(csrfProblem(aRequest({ headers: { origin: "https://evil.example" } }), session, new URLSearchParams({ csrf: session.csrf }), base)).not.toBeNull();
    expect(csrfProblem(aRequest({ headers: { origin: "null" } }), session, new URLSearchParams({ csrf: session.csrf }), base)).not.toBeNull();
    expect(csrfProblem(aRequest({ headers: { "sec-fetch-site": "cross-site" } }), session, new URLSearchParams({ csrf: session.csrf }), base)).not.toBeNull();
  });
});

describe("where sign-in returns to", () => {
  it("stays on this app's /api/ paths", () => {
    expect(safeReturnTo("/api/review/demands/d1?round=review-1")).toBe("/api/review/demands/d1?round=review-1");
    for (const bad of ["https://evil.example/", "//evil.example/api/", "/\\evil.example", "/other", null, "/api/x\r\nSet-Cookie: a=b"]) expect(safeReturnTo(bad)).toBe("/api/staff/session");
    expect(loginUrl("/api/review/demands/d1")).toBe("/api/staff/login?returnTo=%2Fapi%2Freview%2Fdemands%2Fd1");
  });
});

describe("staff identity", () => {
  it("is the email the provider vouches for (email_verified, or Entra's xms_edov), lower-cased", () => {
    expect(identityFromClaims({ email: "Ana@X.example", email_verified: true })).toBe("ana@x.example");
    expect(identityFromClaims({ email: "Ana@X.example", xms_edov: true })).toBe("ana@x.example");
    expect(identityFromClaims({ email: "ana@x.example", xms_edov: "1" })).toBe("ana@x.example");
    expect(identityFromClaims({ email: "ana@x.example" })).toBeNull();
    expect(identityFromClaims({ email: "ana@x.example", email_verified: false })).toBeNull();
    expect(identityFromClaims({ preferred_username: "Lead@X.example" })).toBeNull();
    expect(identityFromClaims({ email: "not-an-address", email_verified: true })).toBeNull();
    expect(identityFromClaims({ sub: "123" })).toBeNull();
  });

  it("decides in a round's pool: primary always, escalation once escalated, administrators never", () => {
    expect(mayDecide(STAFF, "ana@x.example", "primary")).toBe(true);
    expect(mayDecide(STAFF, "ana@x.example", "escalation")).toBe(true);
    expect(mayDecide(STAFF, "lead@x.example", "primary")).toBe(false);
    expect(mayDecide(STAFF, "lead@x.example", "escalation")).toBe(true);
    expect(mayDecide(STAFF, "admin@x.example", "escalation")).toBe(false);
    expect(isStaff(STAFF, "admin@x.example")).toBe(true);
    expect(isStaff(STAFF, "mallory@x.example")).toBe(false);
  });
});
