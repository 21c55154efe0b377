import type { LegalProcessKind, RequesterKind, SignerRole } from "../enums";

// Process a requester kind cannot invoke. Civil litigants have only civil process (subpoena, court order) and the
// owner's consent (a preservation request is a governmental channel); emergency requests are a law-enforcement channel
// only (R10).
const UNAVAILABLE_PROCESS: Readonly<Record<RequesterKind, readonly LegalProcessKind[]>> = {
  law_enforcement: [],
  other_government: ["emergency_request"],
  civil_litigant: ["search_warrant", "emergency_request", "national_security", "mlat_request", "preservation_request"],
};

const AUTHORISED_SIGNERS: Readonly<Record<LegalProcessKind, readonly SignerRole[]>> = {
  search_warrant: ["judge", "magistrate"],
  court_order: ["judge", "magistrate"],
  subpoena: ["judge", "magistrate", "prosecutor", "court_clerk", "government_official"],
  // R10: signed by a law-enforcement authority.
  emergency_request: ["law_enforcement_officer", "prosecutor"],
  mlat_request: ["judge", "prosecutor", "government_official"],
  national_security: ["government_official", "judge"],
  preservation_request: ["law_enforcement_officer", "prosecutor", "government_official"],
  account_owner_consent: ["account_owner"],
};

/** True when a requester of this kind may serve process of this kind. */
export function isProcessAvailable(process: LegalProcessKind, requester: RequesterKind): boolean {
  return !UNAVAILABLE_PROCESS[requester].includes(process);
}

/** True when the signer's role may sign this kind of process; attorneys sign subpoenas only for civil litigants. */
export function isAuthorisedSigner(process: LegalProcessKind, role: SignerRole, requester: RequesterKind): boolean {
  if (process === "subpoena" && role === "attorney") return requester === "civil_litigant";
  return AUTHORISED_SIGNERS[process].includes(role);
}
