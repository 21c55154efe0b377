import type { Finding } from "../../demand";
import { identifierKey } from "../../tenant";
import { consentNamesTarget } from "../civil-consent";
import { validateIdentifier } from "../identifier";
import type { PolicyCheck } from "./policy-check";
import { describeTarget, makeFinding } from "./policy-check";

/**
 * R3 material mistakes and overly broad, per identifier: malformed values and repeated targets are mistakes,
 * wildcards and ranges are overly broad, and consent must come from an account the demand names.
 */
export const checkIdentifiers: PolicyCheck = ({ body }) => {
  const findings: Finding[] = [];
  const firstIndexByKey = new Map<string, number>();
  body.targets.forEach((target, index) => {
    const verdict = validateIdentifier(target.type, target.value);
    if (!verdict.ok) {
      const reason = verdict.problem === "malformed" ? "material_mistakes" : "overly_broad";
      findings.push(makeFinding(reason, `The value of ${describeTarget(target, index)} ${verdict.explanation}.`));
    }
    const key = identifierKey(target.type, target.value);
    const first = firstIndexByKey.get(key);
    if (first === undefined) {
      firstIndexByKey.set(key, index);
    } else {
      findings.push(makeFinding("material_mistakes", `${capitalise(describeTarget(target, index))} repeats target #${first + 1}; name each identifier once.`));
    }
  });
  const consent = body.consent;
  if (consent !== undefined && !body.targets.some((target) => consentNamesTarget(consent.accountIdentifier, target))) {
    findings.push(makeFinding("material_mistakes", "The consent was granted for an account the demand does not name among its targets."));
  }
  return findings;
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
