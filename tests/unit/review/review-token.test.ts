import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeReviewTokens, reviewLink, type TokenRequest } from "../../../shared/review/review-token";
import { NOW, TEST_KEY } from "./review-fixture";

const tokens = makeReviewTokens(TEST_KEY);
const request: TokenRequest = {
  demandId: "d-123",
  reviewer: "Alex@Compliance.example",
  round: "review-1",
  kind: "approval",
  issuedAt: NOW,
  expiresAt: new Date(NOW.getTime() + 3_600_000),
  jti: "11111111-2222-3333-4444-555555555555",
};

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

function withPayload(token: string, payload: Record<string, unknown>): string {
  return `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${token.split(".")[1]!}`;
}

describe("review tokens", () => {
  it("round-trips the claims, with the reviewer as a keyed tag of its lower-case email", () => {
    const token = tokens.issue(request);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(tokens.verify(token, NOW)).toEqual({
      ok: true,
      claims: {
        jti: request.jti,
        demandId: "d-123",
        reviewerTag: tokens.reviewerTag("alex@compliance.example"),
        round: "review-1",
        kind: "approval",
        iat: NOW.getTime() / 1000,
        exp: NOW.getTime() / 1000 + 3600,
      },
    });
  });

  it("R8: a review link names no reviewer: its payload carries neither the email nor any part of it, only a keyed tag", () => {
    const token = tokens.issue(request);
    const payload = Buffer.from(token.split(".")[0]!, "base64url").toString("utf8");
    expect(payload.toLowerCase()).not.toContain("alex");
    expect(payload.toLowerCase()).not.toContain("compliance.example");
    const claims = decodePayload(token);
    expect(claims).not.toHaveProperty("reviewer");
    // The tag binds the token to its reviewer for whoever holds the key, and to nobody else.
    expect(claims.reviewerTag).toBe(tokens.reviewerTag("alex@compliance.example"));
    expect(tokens.reviewerTag("ALEX@compliance.example ")).toBe(claims.reviewerTag);
    expect(makeReviewTokens(Buffer.alloc(32, 8)).reviewerTag("alex@compliance.example")).not.toBe(claims.reviewerTag);
  });

  it("R8: still accepts a link mailed before links stopped naming the reviewer, without giving its email back", () => {
    const legacy = { jti: request.jti, demandId: "d-123", reviewer: "alex@compliance.example", round: "review-1", kind: "approval", iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 3600 };
    const payload = Buffer.from(JSON.stringify(legacy)).toString("base64url");
    const mac = createHmac("sha256", TEST_KEY).update("lrw.review-token.v1.").update(payload).digest("base64url");
    const verified = tokens.verify(`${payload}.${mac}`, NOW);
    expect(verified).toEqual({ ok: true, claims: { ...legacy, reviewer: undefined, reviewerTag: tokens.reviewerTag("alex@compliance.example") } });
  });

  it("gives each token its own random id unless one is chosen", () => {
    const { jti: _ignored, ...rest } = request;
    const a = tokens.verify(tokens.issue(rest), NOW);
    const b = tokens.verify(tokens.issue(rest), NOW);
    expect(a.ok && b.ok && a.claims.jti !== b.claims.jti).toBe(true);
  });

  it("is valid until just before it expires and expired from then on", () => {
    const token = tokens.issue(request);
    expect(tokens.verify(token, new Date(request.expiresAt.getTime() - 1000)).ok).toBe(true);
    expect(tokens.verify(token, request.expiresAt)).toEqual({ ok: false, failure: "expired" });
  });

  it.each([
    ["jti", "99999999-2222-3333-4444-555555555555"],
    ["demandId", "d-124"],
    ["reviewerTag", "AAAAAAAAAAAAAAAAAAAAAA"],
    ["round", "review-2"],
    ["kind", "redirect"],
    ["iat", 1],
    ["exp", 4_000_000_000],
  ])("detects a change of %s as forged", (claim, value) => {
    const token = tokens.issue(request);
    const tampered = withPayload(token, { ...decodePayload(token), [claim]: value });
    expect(tokens.verify(tampered, NOW)).toEqual({ ok: false, failure: "forged" });
  });

  it("refuses a token signed with another key as forged", () => {
    const other = makeReviewTokens(Buffer.alloc(32, 8)).issue(request);
    expect(tokens.verify(other, NOW)).toEqual({ ok: false, failure: "forged" });
  });

  it("refuses a flipped MAC bit as forged", () => {
    const token = tokens.issue(request);
    const mac = Buffer.from(token.split(".")[1]!, "base64url");
    mac[0] = mac[0]! ^ 1;
    expect(tokens.verify(`${token.split(".")[0]!}.${mac.toString("base64url")}`, NOW)).toEqual({ ok: false, failure: "forged" });
  });

  it.each([
    ["empty", ""],
    ["no dot", "abcdef"],
    ["three parts", "a.b.c"],
    ["bad characters", "a+b/.c=="],
    ["short MAC", "eyJhIjoxfQ.AAAA"],
    ["huge", `${"A".repeat(5000)}.${"A".repeat(43)}`],
  ])("refuses a %s token as malformed", (_name, token) => {
    expect(tokens.verify(token, NOW)).toEqual({ ok: false, failure: "malformed" });
  });

  it("refuses a correctly signed payload that is not a claim set as malformed", () => {
    // Only possible with the key; shows that the claims are still checked after the MAC.
    const payload = Buffer.from(JSON.stringify({ hello: "world" })).toString("base64url");
    const mac = createHmac("sha256", TEST_KEY).update("lrw.review-token.v1.").update(payload).digest("base64url");
    expect(tokens.verify(`${payload}.${mac}`, NOW)).toEqual({ ok: false, failure: "malformed" });
  });

  it("refuses short keys and tokens that expire before they are issued", () => {
    expect(() => makeReviewTokens(Buffer.alloc(16))).toThrow(/at least 32 bytes/);
    expect(() => tokens.issue({ ...request, expiresAt: NOW })).toThrow(/expire after/);
  });

  it("builds the review link under /api/review", () => {
    expect(reviewLink("https://lrw.example/", "a.b")).toBe("https://lrw.example/api/review/a.b");
  });
});
