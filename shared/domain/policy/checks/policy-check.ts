import type { DemandBody, Finding, Target } from "../../demand";
import type { RejectionReason } from "../../enums";
import { IDENTIFIER_LABELS } from "../labels";
import type { PolicyContext } from "../policy-context";

/** What every check sees: the demand and its context (dates are judged from `ctx.now`, the instant, never a UTC date). */
export interface PolicyCheckInput {
  body: DemandBody;
  ctx: PolicyContext;
}

/** One rule of R3: returns a finding for every way the demand breaks it (none when it complies). */
export type PolicyCheck = (input: PolicyCheckInput) => Finding[];

/** A demand-level finding. */
export function makeFinding(reason: RejectionReason, explanation: string): Finding {
  return { reason, explanation };
}

/** How explanations refer to a target without repeating its value: by position and type ("target #2 (email address)"). */
export function describeTarget(target: Target, index: number): string {
  return `target #${index + 1} (${IDENTIFIER_LABELS[target.type]})`;
}
