import type { z } from "zod";
import type { ReviewKind } from "./review-kind";
import { DECISION_SCHEMAS, RELEASING_ACTIONS, type ReviewDecision } from "./review-decision";
import { checkNarrowing, type FormProblem } from "./review-narrowing";
import type { ReviewScope } from "./review-round-state";

/** The outcome of reading a reviewer's form. */
export type DecisionFormResult = { ok: true; decision: ReviewDecision } | { ok: false; problems: FormProblem[] };

const INDEX = /^\d{1,4}$/;

/**
 * Reads the review page's form (application/x-www-form-urlencoded) into a decision of the round's kind; a narrowing is
 * checked against the scope under review and carries only what it removes. An emergency's approval must record how
 * the request was verified out of band (R10).
 */
export function parseDecisionForm(kind: ReviewKind, form: URLSearchParams, scope: ReviewScope, options: { emergency?: boolean } = {}): DecisionFormResult {
  const result = DECISION_SCHEMAS[kind].safeParse(readRaw(form, scope));
  if (!result.success) return { ok: false, problems: toProblems(result.error) };
  const decision = result.data;
  if (options.emergency === true && kind === "approval" && RELEASING_ACTIONS.includes(decision.action) && !("verification" in decision && decision.verification !== undefined)) {
    return {
      ok: false,
      problems: [{ field: "verification", message: "Record how the emergency was verified out of band (a call back to the agency's number on file) before approving." }],
    };
  }
  if (decision.action !== "narrow") return { ok: true, decision };
  const checked = checkNarrowing(decision.narrowing, scope);
  return checked.ok ? { ok: true, decision: { ...decision, narrowing: checked.narrowing } } : checked;
}

function readRaw(form: URLSearchParams, scope: ReviewScope): Record<string, unknown> {
  const action = form.get("action") ?? undefined;
  const raw: Record<string, unknown> = { action };
  const comment = form.get("comment");
  if (comment !== null && comment.trim() !== "") raw.comment = comment;
  if (action === "reject" || action === "challenge") {
    const reason = form.get("reason");
    if (reason !== null && reason !== "") raw.reason = reason;
  }
  if (action === "approve" || action === "narrow" || action === "withhold_notice") {
    const verification = form.get("verification");
    if (verification !== null && verification.trim() !== "") raw.verification = verification;
  }
  if (action === "withhold_notice" || action === "withhold") {
    const reason = form.get("withholdReason");
    if (reason !== null) raw.withholdReason = reason;
  }
  if (action === "narrow") {
    raw.narrowing = {
      categories: form.getAll("categories"),
      // A value that is not a position becomes -1, which the schema refuses.
      targets: form.getAll("targets").map((t) => (INDEX.test(t) ? Number(t) : -1)),
      dateRange: { from: form.get("dateFrom") || scope.dateRange.from, to: form.get("dateTo") || scope.dateRange.to },
    };
  }
  return raw;
}

function toProblems(error: z.ZodError): FormProblem[] {
  return error.issues.map((issue) => {
    const [first, second] = issue.path.map(String);
    const field = first === "narrowing" && second !== undefined ? second : (first ?? "action");
    return { field, message: issue.message };
  });
}
