import type { DemandBody } from "../demand";
import { buildPlan } from "./build-plan";
import { assessCategories } from "./category-standard";
import { checkAddressing } from "./checks/check-addressing";
import { checkAuthority } from "./checks/check-authority";
import { checkBreadth } from "./checks/check-breadth";
import { checkCrossBorder } from "./checks/check-cross-border";
import { checkDates } from "./checks/check-dates";
import { checkForm } from "./checks/check-form";
import { checkIdentifiers } from "./checks/check-identifiers";
import { checkService } from "./checks/check-service";
import { checkSignature } from "./checks/check-signature";
import type { PolicyCheck, PolicyCheckInput } from "./checks/policy-check";
import type { PolicyContext } from "./policy-context";
import type { PolicyDecision } from "./policy-decision";

// Every check runs, so a rejection lists every reason that applies, not just the first.
const CHECKS: readonly PolicyCheck[] = [
  checkForm,
  checkService,
  checkAddressing,
  checkAuthority,
  checkCrossBorder,
  checkSignature,
  checkDates,
  checkIdentifiers,
  checkBreadth,
];

/**
 * Judges a demand against R2, R3, R4, R5, R8, R10 and R13: rejected with every finding that applies (including the
 * per-category refusals), or a plan to proceed with the categories the order supports.
 */
export function evaluateDemand(body: DemandBody, ctx: PolicyContext): PolicyDecision {
  if (ctx.targets.length !== body.targets.length) {
    throw new RangeError("ctx.targets must classify body.targets one for one, in the same order");
  }
  const input: PolicyCheckInput = { body, ctx };
  const findings = CHECKS.flatMap((check) => check(input));
  const categories = assessCategories(body, ctx.requester.kind);
  // A category refusal alone does not reject; it does when no category remains.
  if (findings.length > 0 || categories.allowed.length === 0) {
    return { decision: "reject", findings: [...findings, ...categories.refused] };
  }
  return { decision: "proceed", plan: buildPlan(input, categories) };
}
