import type { DemandBody, Finding } from "../demand";
import type { DataCategory, RequesterKind } from "../enums";
import { isContentCategory } from "../enums";
import { consentNamesTarget } from "./civil-consent";
import { CATEGORY_LABELS, PROCESS_LABELS } from "./labels";
import { isProcessAvailable } from "./process-authority";

/** R2's verdict on the requested categories. */
export interface CategoryAssessment {
  /** Categories the order meets the standard for (to preserve only, when preserveOnly). */
  allowed: DataCategory[];
  /** One data_type_not_supported finding per category below the standard. */
  refused: Finding[];
  preserveOnly: boolean;
}

// Why content needs more than civil process plus consent naming the category: the consent must be the owner's, of the
// account sought. Decision: consent is one account's, so content is produced only when every target is that account's
// identifier; other identifiers (even ones that might map to the same account) would reach accounts that never
// consented, and telling the requester which ones do would disclose directory data.
function civilContentRefusal(category: DataCategory, body: DemandBody): string | null {
  const consent = body.consent;
  if (consent === undefined) return "content sought by a civil litigant also requires the account owner's lawful consent, and none was provided";
  if (!consent.categories.includes(category)) return "the account owner's consent does not cover this category";
  const consenting = body.targets.filter((target) => consentNamesTarget(consent.accountIdentifier, target));
  if (consenting.length === 0) return "the consent was not granted by an account the demand names";
  if (consenting.length < body.targets.length) {
    return "the consent covers only the consenting account, and the demand names other identifiers; name the consenting account alone";
  }
  return null;
}

/** Why the process falls below the standard for the category, or null when it meets it. */
function refusalReason(category: DataCategory, body: DemandBody, requester: RequesterKind): string | null {
  const process = body.legalProcess;
  switch (process.kind) {
    case "search_warrant":
    case "mlat_request": // executed through a warrant or its equivalent in the provider's country
    case "emergency_request": // any category, limited by the reviewer to what addresses the emergency (R10)
    case "preservation_request": // nothing is disclosed
      return null;
    case "account_owner_consent":
      return "the account owner's consent alone is not legal process; the owner can obtain their own data through the service";
    case "national_security":
      // Decision: national-security process reaches content only when a court issued it (signed by a judge).
      if (!isContentCategory(category) || process.signature?.role === "judge") return null;
      return "national-security process reaches content only when issued by a court, and this one is not signed by a judge";
    case "subpoena":
    case "court_order":
      if (!isContentCategory(category)) return null;
      if (requester === "civil_litigant") return civilContentRefusal(category, body);
      return "content requires a search warrant or its local equivalent based on probable cause, and this process falls below that standard";
  }
}

/** R2: which requested categories the legal process supports, and why each of the others is refused. */
export function assessCategories(body: DemandBody, requester: RequesterKind): CategoryAssessment {
  const kind = body.legalProcess.kind;
  const preserveOnly = kind === "preservation_request";
  if (body.categories.length === 0) {
    const none: Finding = { reason: "data_type_not_supported", explanation: "The demand names no category of data; state the categories the order covers." };
    return { allowed: [], refused: [none], preserveOnly };
  }
  // Process the requester cannot serve at all is an exceeds-authority rejection; judging it per category would only
  // repeat that.
  if (!isProcessAvailable(kind, requester)) return { allowed: [], refused: [], preserveOnly };
  const allowed: DataCategory[] = [];
  const refused: Finding[] = [];
  for (const category of new Set(body.categories)) {
    const why = refusalReason(category, body, requester);
    if (why === null) {
      allowed.push(category);
    } else {
      const label = CATEGORY_LABELS[category];
      refused.push({
        reason: "data_type_not_supported",
        category,
        explanation: `${label.charAt(0).toUpperCase()}${label.slice(1)} cannot be disclosed under ${PROCESS_LABELS[kind]}: ${why}.`,
      });
    }
  }
  return { allowed, refused, preserveOnly };
}
