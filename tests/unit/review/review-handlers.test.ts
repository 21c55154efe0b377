import { describe, expect, it } from "vitest";
import { makeReviewDecisionHandler } from "../../../functions/handlers/review-decision-handler";
import { makeReviewPageHandler } from "../../../functions/handlers/review-page-handler";
import { aDemandBody } from "../../support/builders";
import { aContext } from "../../support/http";
import { aPlan, aReviewedDemand, aReviewGet, aReviewPost, aReviewWorld, NOW, SECRET_IDENTIFIERS } from "./review-fixture";

function page(response: { body?: unknown }): string {
  return String(response.body);
}

const APPROVE = { confirm: "yes", action: "approve" };

describe("GET /api/review/{token}", () => {
  it("shows the demand, the plan and the approval form, with the security headers", async () => {
    const world = await aReviewWorld();
    const response = await makeReviewPageHandler(world.resolve)(aReviewGet(world.tokenFor()), aContext());
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    });
    const csp = (response.headers as Record<string, string>)["content-security-policy"];
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/form-action 'self'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    const html = page(response);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain("SW-2026-0042");
    expect(html).toContain("Example County Sheriff (US)");
    expect(html).toContain("subscriber information, mail content");
    expect(html).toContain("2026-01-01 to 2026-06-30");
    expect(html).toContain("two distinct reviewers");
    expect(html).toContain("prompt notice to the customer");
    expect(html).toMatch(/<form method="post">/);
    expect(html).toContain('<input type="hidden" name="confirm" value="yes">');
    for (const action of ["approve", "narrow", "reject", "challenge", "withhold_notice"]) expect(html).toContain(`value="${action}"`);
    expect(html).toContain("Identifier 2 (phone number)");
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)/);
  });

  it("never shows identifier values or the document", async () => {
    const world = await aReviewWorld();
    const html = page(await makeReviewPageHandler(world.resolve)(aReviewGet(world.tokenFor()), aContext()));
    for (const value of SECRET_IDENTIFIERS) expect(html).not.toContain(value);
    expect(html).not.toContain(world.record.document.blobName);
    expect(html).not.toContain("Judge A. Example");
  });

  it("changes nothing: no decision, the token stays usable", async () => {
    const world = await aReviewWorld();
    const token = world.tokenFor();
    const handler = makeReviewPageHandler(world.resolve);
    await handler(aReviewGet(token), aContext());
    await handler(aReviewGet(token), aContext());
    expect(world.deps.decisionSink.submitted).toEqual([]);
    expect(world.deps.usedTokens.used.size).toBe(0);
    const post = await makeReviewDecisionHandler(world.resolve)(aReviewPost(token, APPROVE), aContext());
    expect(post.status).toBe(200);
  });

  it("offers the redirect and secrecy-expiry actions for those kinds, with the requester's statement", async () => {
    const world = await aReviewWorld();
    world.rounds.set(world.record.id, "redirect-1", { open: true, decidedBy: [], requesterStatement: "The customer is the target of the investigation." });
    world.rounds.set(world.record.id, "secrecy-expiry-1", { open: true, decidedBy: [] });
    const handler = makeReviewPageHandler(world.resolve);
    const redirect = page(await handler(aReviewGet(world.tokenFor({ kind: "redirect", round: "redirect-1" })), aContext()));
    expect(redirect).toContain('value="accept_reason"');
    expect(redirect).toContain("The customer is the target of the investigation.");
    expect(redirect).not.toContain('value="approve"');
    const expiry = page(await handler(aReviewGet(world.tokenFor({ kind: "secrecy_expiry", round: "secrecy-expiry-1" })), aContext()));
    expect(expiry).toContain('value="notify"');
    expect(expiry).toContain('name="withholdReason" value="danger"');
  });

  it("flags a conflict of laws and shows the emergency deadline", async () => {
    const record = aReviewedDemand({
      plan: aPlan({
        emergency: { reviewDeadlineMinutes: 60 },
        conflictOfLaws: { dataCountries: ["DE"], requesterCountry: "US", explanation: "Content stored in the EU is sought without an agreement." },
      }),
    });
    const world = await aReviewWorld(record);
    const html = page(await makeReviewPageHandler(world.resolve)(aReviewGet(world.tokenFor()), aContext()));
    expect(html).toContain("Conflict of laws");
    expect(html).toContain("Content stored in the EU is sought without an agreement.");
    expect(html).toContain("60 minutes");
  });

  it("escapes hostile strings from the demand", async () => {
    const hostile = `<script>alert("x")</script>&'`;
    const body = aDemandBody();
    const record = aReviewedDemand({
      body: {
        ...body,
        requester: { ...body.requester, agency: hostile },
        legalProcess: { ...body.legalProcess, reference: hostile, issuingAuthority: `"><img src=x onerror=alert(1)>` },
      },
      plan: aPlan({ refusedCategories: [{ reason: "data_type_not_supported", category: "billing", explanation: hostile }] }),
    });
    const world = await aReviewWorld(record);
    world.rounds.set(record.id, "review-1", { open: true, decidedBy: [], requesterStatement: hostile });
    const html = page(await makeReviewPageHandler(world.resolve)(aReviewGet(world.tokenFor()), aContext()));
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;");
  });
});

describe("bad review links", () => {
  it.each([
    ["malformed", () => "not-a-token", 400, "incomplete"],
    ["forged", (t: string) => `${t.split(".")[0]!}.${"A".repeat(43)}`, 403, "not valid"],
  ])("answers a %s token with %s on GET and POST", async (_name, spoil, status, words) => {
    const world = await aReviewWorld();
    const token = spoil(world.tokenFor());
    for (const response of [
      await makeReviewPageHandler(world.resolve)(aReviewGet(token), aContext()),
      await makeReviewDecisionHandler(world.resolve)(aReviewPost(token, APPROVE), aContext()),
    ]) {
      expect(response.status).toBe(status);
      expect(page(response)).toContain(words);
      expect(page(response)).toContain("Nothing was changed.");
    }
    expect(world.deps.decisionSink.submitted).toEqual([]);
  });

  it("answers an expired token with 410", async () => {
    const world = await aReviewWorld();
    const token = world.tokenFor({ expiresAt: new Date(NOW.getTime() - 1000) });
    const response = await makeReviewDecisionHandler(world.resolve)(aReviewPost(token, APPROVE), aContext());
    expect(response.status).toBe(410);
    expect(page(response)).toContain("expired");
    expect(world.deps.usedTokens.used.size).toBe(0);
  });

  it("takes a decision once: the second POST and a later GET answer 410 used", async () => {
    const world = await aReviewWorld();
    const token = world.tokenFor();
    const post = makeReviewDecisionHandler(world.resolve);
    expect((await post(aReviewPost(token, APPROVE), aContext())).status).toBe(200);
    const again = await post(aReviewPost(token, APPROVE), aContext());
    expect(again.status).toBe(410);
    expect(page(again)).toContain("already been used");
    expect((await makeReviewPageHandler(world.resolve)(aReviewGet(token), aContext())).status).toBe(410);
    expect(world.deps.decisionSink.submitted).toHaveLength(1);
  });

  it("answers a closed or unknown round with 410 and an unknown demand with 404", async () => {
    const world = await aReviewWorld();
    world.rounds.set(world.record.id, "review-1", { open: false, decidedBy: [] });
    const closed = await makeReviewDecisionHandler(world.resolve)(aReviewPost(world.tokenFor(), APPROVE), aContext());
    expect(closed.status).toBe(410);
    expect(page(closed)).toContain("round is closed");
    const unknownRound = await makeReviewPageHandler(world.resolve)(aReviewGet(world.tokenFor({ round: "review-9" })), aContext());
    expect(unknownRound.status).toBe(410);
    const unknownDemand = await makeReviewPageHandler(world.resolve)(aReviewGet(world.tokenFor({ demandId: "no-such-demand" })), aContext());
    expect(unknownDemand.status).toBe(404);
    expect(world.deps.decisionSink.submitted).toEqual([]);
    expect(world.deps.usedTokens.used.size).toBe(0);
  });
});

describe("POST /api/review/{token}", () => {
  it("hands an approval to the sink and shows the result", async () => {
    const world = await aReviewWorld();
    const response = await makeReviewDecisionHandler(world.resolve)(aReviewPost(world.tokenFor(), { ...APPROVE, comment: "Looks <fine>" }), aContext());
    expect(response.status).toBe(200);
    expect(page(response)).toContain("Decision recorded");
    expect(page(response)).toContain("Looks &lt;fine&gt;");
    expect(world.deps.decisionSink.submitted).toEqual([
      {
        demandId: world.record.id,
        event: {
          round: "review-1",
          kind: "approval",
          reviewer: "alex@compliance.example",
          action: "approve",
          comment: "Looks <fine>",
          decidedAt: NOW.toISOString(),
        },
      },
    ]);
  });

  it("hands a narrowing on, by position, within the round's scope", async () => {
    const world = await aReviewWorld();
    world.rounds.set(world.record.id, "review-1", {
      open: true,
      decidedBy: [],
      scope: { categories: ["subscriber_info", "content_mail"], targets: [0, 2], dateRange: { from: "2026-01-01", to: "2026-06-30" } },
    });
    const post = makeReviewDecisionHandler(world.resolve);
    const adds = await post(aReviewPost(world.tokenFor(), { confirm: "yes", action: "narrow", categories: ["subscriber_info"], targets: ["1"] }), aContext());
    expect(adds.status).toBe(400);
    expect(page(adds)).toContain("Narrowing can only remove identifiers");
    const ok = await post(aReviewPost(world.tokenFor(), { confirm: "yes", action: "narrow", categories: ["subscriber_info"], targets: ["0", "2"] }), aContext());
    expect(ok.status).toBe(200);
    expect(world.deps.decisionSink.submitted.map((s) => s.event.narrowing)).toEqual([{ categories: ["subscriber_info"] }]);
  });

  it("hands redirect and secrecy-expiry decisions on", async () => {
    const world = await aReviewWorld();
    world.rounds.set(world.record.id, "redirect-1", { open: true, decidedBy: [] });
    world.rounds.set(world.record.id, "secrecy-expiry-2", { open: true, decidedBy: [] });
    const post = makeReviewDecisionHandler(world.resolve);
    const redirect = await post(
      aReviewPost(world.tokenFor({ kind: "redirect", round: "redirect-1" }), { confirm: "yes", action: "accept_reason", comment: "customer is the suspect" }),
      aContext(),
    );
    const expiry = await post(
      aReviewPost(world.tokenFor({ kind: "secrecy_expiry", round: "secrecy-expiry-2" }), {
        confirm: "yes",
        action: "withhold",
        withholdReason: "danger",
        comment: "a witness would be at risk",
      }),
      aContext(),
    );
    expect([redirect.status, expiry.status]).toEqual([200, 200]);
    expect(world.deps.decisionSink.submitted.map((s) => [s.event.kind, s.event.round, s.event.action, s.event.withholdReason])).toEqual([
      ["redirect", "redirect-1", "accept_reason", undefined],
      ["secrecy_expiry", "secrecy-expiry-2", "withhold", "danger"],
    ]);
  });

  it("requires a second reviewer to be a different person", async () => {
    const world = await aReviewWorld();
    world.rounds.set(world.record.id, "review-1", { open: true, decidedBy: ["alex@compliance.example"] });
    const post = makeReviewDecisionHandler(world.resolve);
    const same = await post(aReviewPost(world.tokenFor({ reviewer: "Alex@Compliance.example" }), APPROVE), aContext());
    expect(same.status).toBe(409);
    expect(page(same)).toContain("different reviewer");
    const other = await post(aReviewPost(world.tokenFor({ reviewer: "sam@compliance.example" }), APPROVE), aContext());
    expect(other.status).toBe(200);
    expect(world.deps.decisionSink.submitted.map((s) => s.event.reviewer)).toEqual(["sam@compliance.example"]);
  });

  it("keeps the link usable when the form is invalid or lacks its confirm field, and shows the problems", async () => {
    const world = await aReviewWorld();
    const token = world.tokenFor();
    const post = makeReviewDecisionHandler(world.resolve);
    const noConfirm = await post(aReviewPost(token, { action: "approve" }), aContext());
    expect(noConfirm.status).toBe(400);
    expect(page(noConfirm)).toContain("Submit your decision with the form on this page.");
    const noComment = await post(aReviewPost(token, { confirm: "yes", action: "reject", comment: "" }), aContext());
    expect(noComment.status).toBe(400);
    expect(page(noComment)).toContain("Write a comment explaining this decision.");
    expect(page(noComment)).toMatch(/value="reject" required checked/);
    expect(world.deps.usedTokens.used.size).toBe(0);
    expect(world.deps.decisionSink.submitted).toEqual([]);
    expect((await post(aReviewPost(token, { confirm: "yes", action: "reject", comment: "not lawful" }), aContext())).status).toBe(200);
  });

  it("escapes what the reviewer typed when the form comes back with problems", async () => {
    const world = await aReviewWorld();
    const typed = '</textarea><script>alert(1)</script>';
    const response = await makeReviewDecisionHandler(world.resolve)(aReviewPost(world.tokenFor(), { confirm: "yes", action: "bogus", comment: typed }), aContext());
    expect(response.status).toBe(400);
    expect(page(response)).not.toContain("<script>");
    expect(page(response)).toContain("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>");
  });

  it("refuses a body that is not the page's form, or a post from another site", async () => {
    const world = await aReviewWorld();
    const token = world.tokenFor();
    const post = makeReviewDecisionHandler(world.resolve);
    const json = await post(aReviewPost(token, APPROVE, { "content-type": "application/json" }), aContext());
    expect(json.status).toBe(415);
    const crossSite = await post(aReviewPost(token, APPROVE, { "sec-fetch-site": "cross-site" }), aContext());
    expect(crossSite.status).toBe(403);
    const huge = await post(aReviewPost(token, { ...APPROVE, comment: "x".repeat(70_000) }), aContext());
    expect(huge.status).toBe(413);
    expect(world.deps.decisionSink.submitted).toEqual([]);
    expect(world.deps.usedTokens.used.size).toBe(0);
  });

  it("releases the token when the workflow does not take the decision, so the reviewer can retry", async () => {
    const world = await aReviewWorld();
    const token = world.tokenFor();
    const post = makeReviewDecisionHandler(world.resolve);
    world.deps.decisionSink.failing = true;
    const failed = await post(aReviewPost(token, APPROVE), aContext());
    expect(failed.status).toBe(503);
    expect(world.deps.usedTokens.used.size).toBe(0);
    world.deps.decisionSink.failing = false;
    expect((await post(aReviewPost(token, APPROVE), aContext())).status).toBe(200);
    expect(world.deps.decisionSink.submitted).toHaveLength(1);
  });
});
