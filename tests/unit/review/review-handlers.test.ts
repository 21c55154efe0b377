import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeReviewDecisionHandler } from "../../../functions/handlers/review-decision-handler";
import { makeReviewDocumentHandler, makeReviewLinkHandler, makeReviewPageHandler } from "../../../functions/handlers/review-page-handler";
import type { LifecycleControl } from "../../../shared/ports/lifecycle-control";
import type { UsedTokenStore } from "../../../shared/ports/used-token-store";
import { makeStaffCallbackHandler, makeStaffLoginHandler } from "../../../functions/handlers/staff-auth-handlers";
import type { StaffSignIn } from "../../../shared/ports/staff-sign-in";
import { LOGIN_COOKIE, readStaffSession, SESSION_COOKIE } from "../../../shared/staff/staff-request";
import { aContext, aRequest } from "../../support/http";
import {
  aDocumentGet,
  aPageGet,
  aPlan,
  aReviewedDemand,
  aReviewGet,
  aReviewPost,
  aReviewWorld,
  InMemoryUsedTokens,
  SECRET_IDENTIFIERS,
} from "./review-fixture";

const ANA = "ana@compliance.example";
const BEN = "ben@compliance.example";
const LEAD = "lead@compliance.example";
const ADMIN = "admin@compliance.example";

function headerOf(response: { headers?: unknown }, name: string): string | undefined {
  return (response.headers as Record<string, string> | undefined)?.[name];
}

async function signedPost(world: Awaited<ReturnType<typeof aReviewWorld>>, email: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const { cookie, csrf } = await world.sessionFor(email);
  return makeReviewDecisionHandler(world.resolve)(aReviewPost(world.record.id, { confirm: "yes", round: "review-1", csrf, intent: "decide", ...fields }, { cookie, ...headers }), aContext());
}

/** Signs in through the real login and callback handlers with a provider stand-in vouching for `claims`; the session's cookie and CSRF token. */
async function signInThroughCallback(world: Awaited<ReturnType<typeof aReviewWorld>>, claims: Record<string, unknown>) {
  const signIn: StaffSignIn = {
    start: async () => ({ url: "https://login.example/authorize", state: "s".repeat(20), nonce: "n".repeat(20), codeVerifier: "v".repeat(43) }),
    complete: async () => claims,
    endSessionUrl: async () => null,
  };
  const auth = { staffSignIn: signIn, staffCookies: world.deps.staffCookies, staff: world.deps.staff, publicBaseUrl: world.deps.publicBaseUrl, usedTokens: world.deps.usedTokens };
  const login = await makeStaffLoginHandler(async () => auth)(aRequest({ url: `${world.deps.publicBaseUrl}/api/staff/login` }), aContext());
  const loginCookie = login.cookies!.find((c) => c.name === LOGIN_COOKIE)!;
  const callback = await makeStaffCallbackHandler(async () => auth)(
    aRequest({ url: `${world.deps.publicBaseUrl}/api/staff/callback?code=c&state=${"s".repeat(20)}`, headers: { cookie: `${LOGIN_COOKIE}=${loginCookie.value}` } }),
    aContext(),
  );
  const cookie = `${SESSION_COOKIE}=${callback.cookies!.find((c) => c.name === SESSION_COOKIE)!.value}`;
  const session = await readStaffSession(aRequest({ headers: { cookie } }), world.deps.staffCookies, world.deps.usedTokens);
  return { cookie, csrf: session!.csrf };
}

describe("the mailed review link", () => {
  it("is a deep link: it opens the demand's review page for its round and decides nothing", async () => {
    const world = await aReviewWorld();
    const response = await makeReviewLinkHandler(world.resolve)(aReviewGet(world.tokenFor()), aContext());
    expect(response.status).toBe(303);
    expect(headerOf(response, "location")).toBe(`/api/review/demands/${world.record.id}?round=review-1`);
    expect(world.deps.lifecycle.submitted).toEqual([]);
  });

  it("refuses a forged or expired link", async () => {
    const world = await aReviewWorld();
    const forged = `${world.tokenFor().split(".")[0]!}.${"A".repeat(43)}`;
    expect((await makeReviewLinkHandler(world.resolve)(aReviewGet(forged), aContext())).status).toBe(403);
    const expired = world.tokenFor({ expiresAt: new Date(Date.parse("2026-11-21T12:00:00Z") + 1000) });
    const later = { ...world.deps, now: () => new Date("2026-11-21T13:00:00Z") };
    expect((await makeReviewLinkHandler(async () => later)(aReviewGet(expired), aContext())).status).toBe(410);
  });
});

describe("the review page (signed-in staff only)", () => {
  it("sends an unsigned visitor to sign in, showing nothing of the demand", async () => {
    const world = await aReviewWorld();
    const response = await makeReviewPageHandler(world.resolve)(aPageGet(world.record.id), aContext());
    expect(response.status).toBe(303);
    expect(headerOf(response, "location")).toBe(`/api/staff/login?returnTo=${encodeURIComponent(`/api/review/demands/${world.record.id}?round=review-1`)}`);
    expect(String(response.body ?? "")).not.toContain(SECRET_IDENTIFIERS[0]);
  });

  it("shows a reviewer of the round the documents, the identifiers by value and the preview, and audits the view", async () => {
    const world = await aReviewWorld();
    const { cookie, csrf } = await world.sessionFor(ANA);
    const response = await makeReviewPageHandler(world.resolve)(aPageGet(world.record.id, cookie), aContext());
    expect(response.status).toBe(200);
    const page = String(response.body);
    for (const value of SECRET_IDENTIFIERS) expect(page).toContain(value);
    expect(page).toContain(`/api/review/demands/${world.record.id}/documents/legal-process?round=review-1`);
    expect(page).toContain(world.record.document.sha256);
    expect(page).toContain(`<td id="preview-total-items">4</td>`);
    expect(page).toContain(`<td id="preview-total-bytes">5600</td>`);
    expect(page).toContain(`name="csrf" value="${csrf}"`);
    expect(page).toMatch(/Saturday 21 November 2026 at 10:00 UTC|Saturday, 21 November 2026 at 10:00 UTC|21 November 2026/);
    expect(headerOf(response, "content-security-policy")).toContain("default-src 'none'");
    expect(world.deps.audit.entries).toEqual([expect.objectContaining({ demandId: world.record.id, step: "review.identifiers.viewed", actor: expect.stringMatching(/^reviewer:[0-9a-f]{64}$/) })]);
    expect(world.deps.dataSource.opened).toBe(0);
    expect(world.deps.lifecycle.submitted).toEqual([]);
  });

  it("shows the live secrecy state (every filing, its document, confirmation), prior demands and the requester's vetting", async () => {
    const orderPdf = Buffer.from("%PDF-1.7\n% secrecy order\n%%EOF\n");
    const sha = createHash("sha256").update(orderPdf).digest("hex");
    const record = aReviewedDemand({
      secrecyOrders: [{ order: { reference: "NDO-7", issuingCourt: "Court of Example", issuedOn: "2026-11-20", expiresOn: "2027-05-20" }, documentSha256: sha, addedAt: "2026-11-21T11:00:00.000Z", lifted: false }],
    });
    const world = await aReviewWorld(record);
    await world.deps.documents.put(`demands/${record.id}/secrecy/${sha}.pdf`, orderPdf);
    const { cookie } = await world.sessionFor(ANA);
    const page = String((await makeReviewPageHandler(world.resolve)(aPageGet(record.id, cookie), aContext())).body);
    expect(page).toContain("NDO-7");
    expect(page).toContain("not confirmed by a reviewer");
    expect(page).toContain(sha);
    expect(page).toContain("Thursday, 20 May 2027");
    expect(page).toContain("rejected × 1, disclosed content × 1");
    expect(page).toMatch(/vetting status <strong>active<\/strong>/);
    const served = await makeReviewDocumentHandler(world.resolve)(aDocumentGet(record.id, "secrecy-0", cookie), aContext());
    expect(served.status).toBe(200);
    expect(Buffer.from(served.body as Uint8Array).equals(orderPdf)).toBe(true);
  });

  it("shows nothing of the evidence to staff the round does not ask (escalation before escalating, administrators)", async () => {
    const world = await aReviewWorld();
    for (const email of [LEAD, ADMIN]) {
      const { cookie } = await world.sessionFor(email);
      const response = await makeReviewPageHandler(world.resolve)(aPageGet(world.record.id, cookie), aContext());
      expect(response.status).toBe(403);
      for (const value of SECRET_IDENTIFIERS) expect(String(response.body)).not.toContain(value);
      expect(String(response.body)).not.toContain("documents/legal-process");
    }
    expect(world.deps.audit.entries).toEqual([]);
  });

  it("lets the escalation pool in once the round is escalated", async () => {
    const world = await aReviewWorld();
    world.rounds.set(world.record.id, "review-1", { kind: "approval", pool: "escalation", open: true, decidedBy: [] });
    const { cookie } = await world.sessionFor(LEAD);
    expect((await makeReviewPageHandler(world.resolve)(aPageGet(world.record.id, cookie), aContext())).status).toBe(200);
  });

  it("answers a closed round with 410 and an unknown demand with 404", async () => {
    const world = await aReviewWorld();
    const { cookie } = await world.sessionFor(ANA);
    world.rounds.set(world.record.id, "review-1", { kind: "approval", pool: "primary", open: false, decidedBy: [] });
    expect((await makeReviewPageHandler(world.resolve)(aPageGet(world.record.id, cookie), aContext())).status).toBe(410);
    expect((await makeReviewPageHandler(world.resolve)(aPageGet("dmd-unknown", cookie), aContext())).status).toBe(404);
  });

  it("asks an emergency's reviewer for the out-of-band verification and shows the agency's number on file", async () => {
    const body = aReviewedDemand().body;
    const world = await aReviewWorld(
      aReviewedDemand({
        body: { ...body, emergency: { onOfficialLetterhead: true, signingAuthority: "Chief", kind: "kidnapping", summary: "s", howDataHelps: "h" } },
        plan: aPlan({ emergency: { reviewDeadlineMinutes: 60 } }),
      }),
    );
    const { cookie } = await world.sessionFor(ANA);
    const page = String((await makeReviewPageHandler(world.resolve)(aPageGet(world.record.id, cookie), aContext())).body);
    expect(page).toContain('name="verification"');
    expect(page).toContain("+1 555 0100");
    expect(page).toContain("Emergency review deadline");
  });
});

describe("the documents of the review page", () => {
  it("serve the filed PDF inline to a reviewer of the round, under a strict CSP, and audit the view with its digest", async () => {
    const world = await aReviewWorld();
    const { cookie } = await world.sessionFor(ANA);
    const response = await makeReviewDocumentHandler(world.resolve)(aDocumentGet(world.record.id, "legal-process", cookie), aContext());
    expect(response.status).toBe(200);
    expect(headerOf(response, "content-type")).toBe("application/pdf");
    expect(headerOf(response, "content-disposition")).toBe('inline; filename="warrant.pdf"');
    expect(headerOf(response, "content-security-policy")).toContain("default-src 'none'");
    expect(headerOf(response, "cache-control")).toContain("no-store");
    expect(world.deps.audit.entries).toEqual([expect.objectContaining({ step: "review.document.viewed", documentDigest: world.record.document.sha256 })]);
  });

  it("serve nothing to an unsigned visitor or to staff the round does not ask", async () => {
    const world = await aReviewWorld();
    expect((await makeReviewDocumentHandler(world.resolve)(aDocumentGet(world.record.id, "legal-process"), aContext())).status).toBe(303);
    const { cookie } = await world.sessionFor(LEAD);
    const refused = await makeReviewDocumentHandler(world.resolve)(aDocumentGet(world.record.id, "legal-process", cookie), aContext());
    expect(refused.status).toBe(403);
    expect(headerOf(refused, "content-type")).not.toBe("application/pdf");
    expect(world.deps.audit.entries).toEqual([]);
  });

  it("refuse a stored document that no longer matches the digest recorded at receipt", async () => {
    const world = await aReviewWorld();
    await world.deps.documents.put(world.record.document.blobName, Buffer.from("%PDF-1.4 altered"));
    const { cookie } = await world.sessionFor(ANA);
    expect((await makeReviewDocumentHandler(world.resolve)(aDocumentGet(world.record.id, "legal-process", cookie), aContext())).status).toBe(409);
  });
});

describe("deciding from the review page", () => {
  it("an unsigned post changes nothing", async () => {
    const world = await aReviewWorld();
    const response = await makeReviewDecisionHandler(world.resolve)(aReviewPost(world.record.id, { confirm: "yes", round: "review-1", action: "approve" }), aContext());
    expect(response.status).toBe(401);
    expect(world.deps.lifecycle.submitted).toEqual([]);
  });

  it("a post without the session's CSRF token, or from another origin, changes nothing", async () => {
    const world = await aReviewWorld();
    const { cookie } = await world.sessionFor(ANA);
    const noToken = await makeReviewDecisionHandler(world.resolve)(aReviewPost(world.record.id, { confirm: "yes", round: "review-1", action: "approve" }, { cookie }), aContext());
    expect(noToken.status).toBe(403);
    const otherSession = await world.sessionFor(BEN);
    const wrongToken = await makeReviewDecisionHandler(world.resolve)(
      aReviewPost(world.record.id, { confirm: "yes", round: "review-1", action: "approve", csrf: otherSession.csrf }, { cookie }),
      aContext(),
    );
    expect(wrongToken.status).toBe(403);
    expect((await signedPost(world, ANA, { action: "approve" }, { origin: "https://evil.example" })).status).toBe(403);
    expect(world.deps.lifecycle.submitted).toEqual([]);
  });

  it("records an approval under the signed-in email, and refuses the same person deciding twice", async () => {
    const world = await aReviewWorld();
    const first = await signedPost(world, ANA, { action: "approve" });
    expect(first.status).toBe(200);
    expect(world.deps.lifecycle.submitted).toEqual([
      { demandId: world.record.id, event: expect.objectContaining({ round: "review-1", kind: "approval", action: "approve", reviewer: ANA }) },
    ]);
    const again = await signedPost(world, ANA, { action: "approve" });
    expect(again.status).toBe(409);
    expect(world.deps.lifecycle.submitted).toHaveLength(1);
  });

  it("takes a second approval only from a different identity", async () => {
    const world = await aReviewWorld();
    expect((await signedPost(world, ANA, { action: "approve" })).status).toBe(200);
    world.rounds.set(world.record.id, "review-1", { kind: "approval", pool: "primary", open: true, decidedBy: [ANA] });
    expect((await signedPost(world, ANA, { action: "approve" })).status).toBe(409);
    expect((await signedPost(world, BEN, { action: "approve" })).status).toBe(200);
    expect(world.deps.lifecycle.submitted.map((s) => s.event.reviewer)).toEqual([ANA, BEN]);
  });

  /** One account (issuer + subject) signed in twice, once under each pool address, and an approval POST for a session. */
  async function oneAccountUnderTwoEmails() {
    const world = await aReviewWorld();
    const account = { iss: "https://login.microsoftonline.com/t1/v2.0", sub: "one-person", email_verified: true };
    const asAna = await signInThroughCallback(world, { ...account, email: ANA });
    const asBen = await signInThroughCallback(world, { ...account, email: BEN });
    const post = (session: { cookie: string; csrf: string }) =>
      makeReviewDecisionHandler(world.resolve)(aReviewPost(world.record.id, { confirm: "yes", round: "review-1", csrf: session.csrf, intent: "decide", action: "approve" }, { cookie: session.cookie }), aContext());
    return { world, asAna, asBen, post };
  }

  it("R8: one account (issuer + subject) whose email claim changed between sign-ins gives no second approval under the new address", async () => {
    const { world, asAna, asBen, post } = await oneAccountUnderTwoEmails();
    expect((await post(asAna)).status).toBe(200);
    expect((await post(asBen)).status).toBe(409);
    expect(world.deps.lifecycle.submitted.map((s) => s.event.reviewer)).toEqual([ANA]);
  });

  it("R8: one account signed in twice under two email claims gives one approval even when both are posted at once", async () => {
    const { world, asAna, asBen, post } = await oneAccountUnderTwoEmails();
    // Raising to the workflow is a network call: the second post is checked while the first is under way.
    const raise = world.deps.lifecycle.raise.bind(world.deps.lifecycle);
    world.deps.lifecycle.raise = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await raise(...args);
    };
    const answers = await Promise.all([post(asAna), post(asBen)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(world.deps.lifecycle.submitted).toHaveLength(1);
  });

  it("refuses staff the round does not ask", async () => {
    const world = await aReviewWorld();
    expect((await signedPost(world, LEAD, { action: "approve" })).status).toBe(403);
    expect((await signedPost(world, ADMIN, { action: "approve" })).status).toBe(403);
    expect(world.deps.lifecycle.submitted).toEqual([]);
  });

  it("a reject or challenge needs a reason from R3's closed list, and carries it", async () => {
    const world = await aReviewWorld();
    const missing = await signedPost(world, ANA, { action: "reject", comment: "No signature on page 2." });
    expect(missing.status).toBe(400);
    expect(String(missing.body)).toContain("Choose the reason from the list");
    expect((await signedPost(world, ANA, { action: "reject", reason: "unsigned_or_unauthorised", comment: "No signature on page 2." })).status).toBe(200);
    expect(world.deps.lifecycle.submitted[0]?.event).toMatchObject({ action: "reject", reason: "unsigned_or_unauthorised", comment: "No signature on page 2." });
  });

  it("refuses an emergency approval without the out-of-band verification, and carries it when given", async () => {
    const body = aReviewedDemand().body;
    const world = await aReviewWorld(
      aReviewedDemand({
        body: { ...body, emergency: { onOfficialLetterhead: true, signingAuthority: "Chief", kind: "kidnapping", summary: "s", howDataHelps: "h" } },
        plan: aPlan({ emergency: { reviewDeadlineMinutes: 60 } }),
      }),
    );
    const refused = await signedPost(world, ANA, { action: "approve" });
    expect(refused.status).toBe(400);
    expect(world.deps.lifecycle.submitted).toEqual([]);
    const verification = "Called the agency's number on file at 12:05; Sgt. Doe confirmed the request.";
    expect((await signedPost(world, ANA, { action: "approve", verification })).status).toBe(200);
    expect(world.deps.lifecycle.submitted[0]?.event).toMatchObject({ action: "approve", verification });
  });

  it("decides a secrecy-confirmation round: refusing needs a comment, confirming does not", async () => {
    const world = await aReviewWorld();
    world.rounds.set(world.record.id, "secrecy-confirm-1", { kind: "secrecy_confirmation", pool: "primary", open: true, decidedBy: [] });
    const page = await makeReviewPageHandler(world.resolve)(aPageGet(world.record.id, (await world.sessionFor(ANA)).cookie, "secrecy-confirm-1"), aContext());
    expect(String(page.body)).toContain('value="confirm_order"');
    expect((await signedPost(world, ANA, { round: "secrecy-confirm-1", action: "refuse_order" })).status).toBe(400);
    expect((await signedPost(world, ANA, { round: "secrecy-confirm-1", action: "confirm_order" })).status).toBe(200);
    expect(world.deps.lifecycle.submitted[0]?.event).toMatchObject({ round: "secrecy-confirm-1", kind: "secrecy_confirmation", action: "confirm_order", reviewer: ANA });
  });

  it("previews a narrowing by value without deciding: the counts follow the kept identifiers", async () => {
    const world = await aReviewWorld();
    const response = await signedPost(world, ANA, { intent: "preview", action: "narrow", targets: ["0"], categories: ["subscriber_info", "content_mail"] });
    expect(response.status).toBe(200);
    expect(String(response.body)).toContain(`<td id="preview-total-items">3</td>`);
    expect(String(response.body)).toContain(`<td id="preview-total-bytes">5100</td>`);
    expect(world.deps.lifecycle.submitted).toEqual([]);
    expect((await signedPost(world, ANA, { action: "narrow", targets: ["0"], categories: ["subscriber_info", "content_mail"] })).status).toBe(200);
    expect(world.deps.lifecycle.submitted[0]?.event.narrowing).toEqual({ targets: [0] });
  });

  it("a crash between raising the decision and recording it loses nothing: the retry raises it again", async () => {
    const world = await aReviewWorld();
    // The host dies right after the first durable write of the decision, whichever step that is.
    const crash = new Error("host crashed");
    let crashed = false;
    const dyingTokens: UsedTokenStore = {
      markUsed: async (key) => {
        if (crashed) throw crash;
        await world.deps.usedTokens.markUsed(key);
        crashed = true;
        throw crash;
      },
      isUsed: (key) => (crashed ? Promise.reject(crash) : world.deps.usedTokens.isUsed(key)),
      release: () => Promise.reject(crash),
    };
    const dyingLifecycle: Pick<LifecycleControl, "raise"> = {
      raise: async (demandId, name, payload) => {
        if (crashed) throw crash;
        await world.deps.lifecycle.raise(demandId, name, payload);
        crashed = true;
        throw crash;
      },
    };
    const { cookie, csrf } = await world.sessionFor(ANA);
    const post = () => aReviewPost(world.record.id, { confirm: "yes", round: "review-1", csrf, intent: "decide", action: "approve" }, { cookie });
    const first = await makeReviewDecisionHandler(async () => ({ ...world.deps, usedTokens: dyingTokens, lifecycle: dyingLifecycle }))(post(), aContext());
    expect(first.status).toBeGreaterThanOrEqual(500);

    // After the restart the reviewer posts again.
    const retry = await makeReviewDecisionHandler(world.resolve)(post(), aContext());
    expect([200, 409]).toContain(retry.status);
    const raised = world.deps.lifecycle.submitted.filter((s) => s.event.reviewer === ANA && s.event.round === "review-1");
    expect(raised.length).toBeGreaterThanOrEqual(1);
    expect(new Set(raised.map((s) => s.event.action))).toEqual(new Set(["approve"]));
  });

  it("tells the reviewer to retry when the workflow does not take the decision, and records nothing", async () => {
    const world = await aReviewWorld();
    world.deps.lifecycle.failing = true;
    expect((await signedPost(world, ANA, { action: "approve" })).status).toBe(503);
    world.deps.lifecycle.failing = false;
    expect((await signedPost(world, ANA, { action: "approve" })).status).toBe(200);
    expect(world.deps.lifecycle.submitted).toHaveLength(1);
  });

  it("refuses a body that is not the page's form, or a post from another site", async () => {
    const world = await aReviewWorld();
    expect((await signedPost(world, ANA, { action: "approve" }, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await signedPost(world, ANA, { action: "approve" }, { "content-type": "application/json" })).status).toBe(415);
    expect(world.deps.lifecycle.submitted).toEqual([]);
  });

  it("escapes what the reviewer typed when the form comes back with problems", async () => {
    const world = await aReviewWorld();
    const response = await signedPost(world, ANA, { action: "reject", comment: "<script>alert(1)</script>" });
    expect(response.status).toBe(400);
    expect(String(response.body)).not.toContain("<script>alert(1)</script>");
  });
});

// Keep the exported helpers in use, so the fixture cannot drift from these tests unnoticed.
void InMemoryUsedTokens;
