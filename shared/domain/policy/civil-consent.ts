import type { Target } from "../demand";
import { identifierKey } from "../tenant";

/** True when the consent's account identifier is this target, compared as the directory compares identifiers. */
export function consentNamesTarget(consentAccountIdentifier: string, target: Target): boolean {
  return identifierKey(target.type, target.value) === identifierKey(target.type, consentAccountIdentifier);
}
