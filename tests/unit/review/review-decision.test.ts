import { describe, expect, it } from "vitest";
import { ReviewDecisionEvent, toDecisionEvent } from "../../../shared/review/review-decision";
import { parseDecisionForm } from "../../../shared/review/review-form";
import { checkNarrowing } from "../../../shared/review/review-narrowing";
import type { ReviewScope } from "../../../shared/review/review-round-state";
import { NOW } from "./review-fixture";

const scope: ReviewScope = {
  categories: ["subscriber_info", "content_mail"],
  targets: [0, 1, 2],
  dateRange: { from: "2026-01-01", to: "2026-06-30" },
};

function form(fields: Record<string, string | string[]>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(name, v);
  return params;
}

const fullScope = { categories: ["subscriber_info", "content_mail"], targets: ["0", "1", "2"], dateFrom: "2026-01-01", dateTo: "2026-06-30" };

describe("approval decisions", () => {
  it("approves with or without a comment", () => {
    expect(parseDecisionForm("approval", form({ action: "approve" }), scope)).toEqual({ ok: true, decision: { action: "approve" } });
    expect(parseDecisionForm("approval", form({ action: "approve", comment: " fine " }), scope)).toEqual({
      ok: true,
      decision: { action: "approve", comment: "fine" },
    });
  });

  it.each(["reject", "challenge"])("requires a comment and an R3 reason to %s", (action) => {
    const result = parseDecisionForm("approval", form({ action, reason: "overly_broad", comment: "   " }), scope);
    expect(result).toEqual({ ok: false, problems: [{ field: "comment", message: "Write a comment explaining this decision." }] });
    expect(parseDecisionForm("approval", form({ action, comment: "order is overbroad" }), scope)).toEqual({
      ok: false,
      problems: [{ field: "reason", message: "Choose the reason from the list (R3)." }],
    });
    expect(parseDecisionForm("approval", form({ action, reason: "not_a_reason", comment: "x" }), scope).ok).toBe(false);
    expect(parseDecisionForm("approval", form({ action, reason: "overly_broad", comment: "order is overbroad" }), scope)).toEqual({
      ok: true,
      decision: { action, reason: "overly_broad", comment: "order is overbroad" },
    });
  });

  it("requires an emergency's approval to record the out-of-band verification, and carries it", () => {
    for (const action of ["approve", "withhold_notice"]) {
      const fields: Record<string, string> = action === "approve" ? { action } : { action, withholdReason: "danger", comment: "risk" };
      expect(parseDecisionForm("approval", form(fields), scope, { emergency: true }).ok).toBe(false);
      expect(parseDecisionForm("approval", form(fields), scope).ok).toBe(true);
      expect(parseDecisionForm("approval", form({ ...fields, verification: "Called back the number on file." }), scope, { emergency: true })).toMatchObject({
        ok: true,
        decision: { action, verification: "Called back the number on file." },
      });
    }
    expect(parseDecisionForm("approval", form({ action: "reject", reason: "facially_invalid", comment: "forged" }), scope, { emergency: true }).ok).toBe(true);
  });

  it("decides a secrecy order filed after intake: confirm (comment optional) or refuse (comment required)", () => {
    expect(parseDecisionForm("secrecy_confirmation", form({ action: "confirm_order" }), scope)).toEqual({ ok: true, decision: { action: "confirm_order" } });
    expect(parseDecisionForm("secrecy_confirmation", form({ action: "refuse_order" }), scope).ok).toBe(false);
    expect(parseDecisionForm("secrecy_confirmation", form({ action: "refuse_order", comment: "Not a court order." }), scope).ok).toBe(true);
    expect(parseDecisionForm("secrecy_confirmation", form({ action: "approve" }), scope).ok).toBe(false);
  });

  it("withholds notice only with a reason of danger or counterproductive and an explanation", () => {
    expect(parseDecisionForm("approval", form({ action: "withhold_notice", withholdReason: "danger", comment: "child at risk" }), scope)).toEqual({
      ok: true,
      decision: { action: "withhold_notice", withholdReason: "danger", comment: "child at risk" },
    });
    const noReason = parseDecisionForm("approval", form({ action: "withhold_notice", comment: "x" }), scope);
    expect(noReason.ok === false && noReason.problems.map((p) => p.field)).toEqual(["withholdReason"]);
    const badReason = parseDecisionForm("approval", form({ action: "withhold_notice", withholdReason: "convenience", comment: "x" }), scope);
    expect(badReason.ok).toBe(false);
    const noText = parseDecisionForm("approval", form({ action: "withhold_notice", withholdReason: "counterproductive" }), scope);
    expect(noText.ok === false && noText.problems.map((p) => p.field)).toEqual(["comment"]);
  });

  it("refuses an action of another kind or none", () => {
    for (const action of ["accept_reason", "notify", "", "delete"]) {
      const result = parseDecisionForm("approval", form({ action }), scope);
      expect(result.ok === false && result.problems[0]?.message).toBe("Choose one of the decisions offered.");
    }
    expect(parseDecisionForm("approval", form({}), scope).ok).toBe(false);
  });

  it("narrows to the dimensions that shrink, targets by position", () => {
    const result = parseDecisionForm(
      "approval",
      form({ ...fullScope, action: "narrow", categories: ["subscriber_info"], targets: ["2", "0"], dateFrom: "2026-03-01" }),
      scope,
    );
    expect(result).toEqual({
      ok: true,
      decision: {
        action: "narrow",
        narrowing: { categories: ["subscriber_info"], targets: [0, 2], dateRange: { from: "2026-03-01", to: "2026-06-30" } },
      },
    });
  });

  it("refuses a narrowing that removes nothing", () => {
    const result = parseDecisionForm("approval", form({ ...fullScope, action: "narrow" }), scope);
    expect(result.ok === false && result.problems[0]?.message).toMatch(/removes nothing/);
  });

  it.each([
    ["a category", { categories: ["subscriber_info", "content_files"] }, "categories"],
    ["an identifier", { targets: ["0", "3"] }, "targets"],
    ["an earlier start", { dateFrom: "2025-12-31" }, "dateRange"],
    ["a later end", { dateTo: "2026-07-01" }, "dateRange"],
  ])("refuses a narrowing that adds %s", (_name, change, field) => {
    const result = parseDecisionForm("approval", form({ ...fullScope, action: "narrow", targets: ["0"], ...change }), scope);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.problems.map((p) => p.field)).toContain(field);
  });

  it("refuses an inverted range, an unknown category, a non-position and dropping everything", () => {
    const inverted = parseDecisionForm("approval", form({ ...fullScope, action: "narrow", dateFrom: "2026-05-01", dateTo: "2026-04-01" }), scope);
    expect(inverted.ok === false && inverted.problems.map((p) => p.message)).toContain("The range must start on or before its end.");
    expect(parseDecisionForm("approval", form({ ...fullScope, action: "narrow", categories: ["everything"] }), scope).ok).toBe(false);
    expect(parseDecisionForm("approval", form({ ...fullScope, action: "narrow", targets: ["x"] }), scope).ok).toBe(false);
    const none = parseDecisionForm("approval", form({ ...fullScope, action: "narrow", categories: [] }), scope);
    expect(none.ok === false && none.problems.map((p) => p.field)).toEqual(["categories"]);
  });

  it("treats an open-ended scope as shortened by any end date", () => {
    const open: ReviewScope = { ...scope, dateRange: { from: "2026-01-01" } };
    expect(checkNarrowing({ dateRange: { from: "2026-01-01", to: "2026-02-01" } }, open)).toEqual({
      ok: true,
      narrowing: { dateRange: { from: "2026-01-01", to: "2026-02-01" } },
    });
  });
});

describe("redirect and secrecy-expiry decisions", () => {
  it("accepts or refuses a requester's reason, always with a comment", () => {
    expect(parseDecisionForm("redirect", form({ action: "accept_reason", comment: "customer is the suspect" }), scope).ok).toBe(true);
    expect(parseDecisionForm("redirect", form({ action: "refuse_reason", comment: "no legal basis" }), scope).ok).toBe(true);
    expect(parseDecisionForm("redirect", form({ action: "refuse_reason" }), scope).ok).toBe(false);
    expect(parseDecisionForm("redirect", form({ action: "approve" }), scope).ok).toBe(false);
  });

  it("notifies, or withholds only for danger with a written reason", () => {
    expect(parseDecisionForm("secrecy_expiry", form({ action: "notify" }), scope)).toEqual({ ok: true, decision: { action: "notify" } });
    expect(parseDecisionForm("secrecy_expiry", form({ action: "withhold", withholdReason: "danger", comment: "witness at risk" }), scope).ok).toBe(true);
    expect(parseDecisionForm("secrecy_expiry", form({ action: "withhold", comment: "witness at risk" }), scope).ok).toBe(false);
    expect(parseDecisionForm("secrecy_expiry", form({ action: "withhold", withholdReason: "counterproductive", comment: "x" }), scope).ok).toBe(false);
    expect(parseDecisionForm("secrecy_expiry", form({ action: "withhold", withholdReason: "danger" }), scope).ok).toBe(false);
  });
});

describe("the decision event", () => {
  it("carries round, kind, reviewer, action and time, and parses back", () => {
    const event = toDecisionEvent(
      { action: "narrow", narrowing: { categories: ["subscriber_info"] } },
      { round: "review-1", kind: "approval", reviewer: "alex@compliance.example", decidedAt: NOW },
    );
    expect(event).toEqual({
      round: "review-1",
      kind: "approval",
      reviewer: "alex@compliance.example",
      action: "narrow",
      narrowing: { categories: ["subscriber_info"] },
      decidedAt: "2026-11-21T12:00:00.000Z",
    });
    expect(ReviewDecisionEvent.parse(event)).toEqual(event);
  });

  it("refuses an event whose action does not fit its kind", () => {
    const event = { round: "redirect-1", kind: "redirect", reviewer: "a@b.example", action: "approve", decidedAt: NOW.toISOString() };
    expect(ReviewDecisionEvent.safeParse(event).success).toBe(false);
  });
});
