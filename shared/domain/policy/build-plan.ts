import type { DataCategory } from "../enums";
import { isContentCategory } from "../enums";
import type { CategoryAssessment } from "./category-standard";
import type { PolicyCheckInput } from "./checks/policy-check";
import { assessCrossBorder } from "./conflict-of-laws";
import { planNotice } from "./notice-plan";
import type { DemandPlan } from "./policy-decision";
import { isReimbursementAllowed } from "./reimbursement";

function requiresTwoReviewers(allowed: readonly DataCategory[], preserveOnly: boolean): boolean {
  return !preserveOnly && allowed.some(isContentCategory);
}

/** The plan for a demand that passed every check, from R2's category assessment (R4, R5, R8, R10, R13, conflict of laws). */
export function buildPlan(input: PolicyCheckInput, categories: CategoryAssessment): DemandPlan {
  const { body, ctx } = input;
  const emergency = body.legalProcess.kind === "emergency_request";
  const { allowed, refused, preserveOnly } = categories;
  // R4: emergencies cannot wait for the customer, and a preservation discloses nothing to redirect. Data de-linked
  // from any customer (R5 c) leaves no practical means to redirect either: the commitment does not apply to it.
  const redirected = (target: PolicyCheckInput["ctx"]["targets"][number]) => target.found && target.enterprise && !target.delinked;
  const redirect = !emergency && !preserveOnly && ctx.targets.some(redirected);
  // R4: consumer accounts are not redirected: in a redirected demand they are reviewed at once, with any identifier
  // that matched no account (as in any other demand), so the redirect tells the requester nothing of their existence.
  const direct = ctx.targets.flatMap((target, index) => (redirected(target) ? [] : [index]));
  return {
    allowedCategories: allowed,
    refusedCategories: refused,
    redirect,
    ...(redirect && direct.length > 0 ? { directTargets: direct } : {}),
    reviewersRequired: requiresTwoReviewers(allowed, preserveOnly) ? 2 : 1,
    notice: planNotice(ctx.targets),
    emergency: emergency ? { reviewDeadlineMinutes: ctx.limits.emergencyReviewMinutes } : null,
    preserveOnly,
    reimbursementAllowed: isReimbursementAllowed(body.legalProcess.kind, body.childExploitationInvestigation),
    // Decision: preservation discloses nothing, so there is no disclosure whose lawfulness could conflict.
    conflictOfLaws: preserveOnly ? null : conflictOf(input, allowed),
    targetsFound: ctx.targets.filter((target) => target.found).length,
  };
}

function conflictOf({ body, ctx }: PolicyCheckInput, allowed: readonly DataCategory[]): DemandPlan["conflictOfLaws"] {
  const verdict = assessCrossBorder({
    categories: allowed,
    targets: ctx.targets,
    requesterCountry: ctx.requester.country,
    viaMlat: body.legalProcess.kind === "mlat_request",
    agreements: ctx.agreements,
  });
  return verdict.kind === "challenge" ? verdict.conflict : null;
}
