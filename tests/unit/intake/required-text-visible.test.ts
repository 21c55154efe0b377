import { describe, expect, it } from "vitest";
import { CannotRedirect, makeCannotRedirectHandler } from "../../../functions/handlers/cannot-redirect-handler";
import { Objection } from "../../../functions/handlers/customer-objection-handler";
import { DemandSubmission } from "../../../shared/domain/demand";
import { ApprovalDecision, Verification } from "../../../shared/review/review-decision";
import { aDemandRecord, aSubmission } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

/**
 * R4: a "cannot redirect" answer is the legal reason a reviewer weighs before the customer is bypassed. One made only of
 * zero-width, format or whitespace characters says nothing, yet it passed the 20-character minimum and reached a reviewer.
 * The same holds for every required free-text field of a demand (ShortText): invisible text is no text.
 */
const INVISIBLE = [
  ["zero-width spaces", "\u200B".repeat(25)],
  ["zero-width joiners and non-joiners", "\u200D\u200C".repeat(12)],
  ["word joiners and byte-order marks", "\u2060\uFEFF".repeat(12)],
  ["bidirectional marks and isolates between spaces", "\u200E \u200F \u2066 \u2069 ".repeat(6)],
  ["Hangul fillers and braille blanks", "\u3164\u2800".repeat(12)],
  ["soft hyphens and variation selectors", "\u00AD\uFE0F".repeat(12)],
  ["one letter padded with zero-width spaces", `a${"\u200B".repeat(24)}`],
] as const;

describe("R4: required free text must be visible", () => {
  it.each(INVISIBLE)("R4: a cannot-redirect reason of %s is refused", (_name, reason) => {
    expect(CannotRedirect.safeParse({ reason }).success).toBe(false);
  });

  it("R4: a reason in any script, with the marks its writing needs, is accepted", () => {
    for (const reason of [
      "The customer's own administrator is a suspect in this investigation.",
      "\u200Fالمسؤول عن حساب العميل هو المشتبه به في هذا التحقيق\u200F",
      "Der Administrator des Kunden ist selbst Beschuldigter.",
    ]) {
      expect(CannotRedirect.safeParse({ reason }).success).toBe(true);
    }
  });

  it("R4: the API answers 400 naming the reason, and nothing reaches the lifecycle", async () => {
    const fixture = await makeIntakeFixture();
    const record = aDemandRecord({ requesterId: fixture.requesterId, status: "awaiting_redirect" });
    await fixture.demands.create(record);
    const handler = makeCannotRedirectHandler(async () => fixture.deps);
    const request = aJsonPost({ reason: "\u200B".repeat(30) }, { authorization: `Bearer ${fixture.credential}` });
    request.params.id = record.id;
    const response = await handler(request, aContext());
    expect(response.status).toBe(400);
    expect((jsonOf(response).errors as { path: string }[]).map((e) => e.path)).toContain("reason");
    expect(fixture.lifecycle.events).toEqual([]);
  });

  it.each([
    ["agency", (s: ReturnType<typeof aSubmission>) => (s.requester.agency = "\u200B\u200C")],
    ["process reference", (s: ReturnType<typeof aSubmission>) => (s.legalProcess.reference = "\u2060")],
    ["issuing authority", (s: ReturnType<typeof aSubmission>) => (s.legalProcess.issuingAuthority = " \u200B ")],
  ])("R3: a demand whose %s is only invisible characters cannot be read (as if empty)", (_name, mutate) => {
    const submission = aSubmission();
    mutate(submission);
    expect(DemandSubmission.safeParse(submission).success).toBe(false);
  });

  it("R8: a reviewer's required comment, an emergency's verification record (R10) and a customer's objection (R5) need visible text too", () => {
    const invisible = "\u200B\u2060\u3164";
    expect(ApprovalDecision.safeParse({ action: "reject", reason: "overly_broad", comment: invisible }).success).toBe(false);
    expect(ApprovalDecision.safeParse({ action: "reject", reason: "overly_broad", comment: "Too many accounts." }).success).toBe(true);
    expect(Verification.safeParse(invisible).success).toBe(false);
    expect(Objection.safeParse({ summary: invisible }).success).toBe(false);
  });
});
