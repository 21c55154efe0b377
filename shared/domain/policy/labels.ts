import type { DataCategory, IdentifierType, LegalProcessKind, RequesterKind, SignerRole } from "../enums";

/** Plain-language names of the data categories, for explanations a requester reads. */
export const CATEGORY_LABELS: Readonly<Record<DataCategory, string>> = {
  subscriber_info: "subscriber information",
  ip_history: "IP connection history",
  billing: "billing records",
  content_mail: "mail content",
  content_files: "stored files",
  content_messages: "message content",
};

/** Plain-language names of the legal-process kinds, with their article. */
export const PROCESS_LABELS: Readonly<Record<LegalProcessKind, string>> = {
  subpoena: "a subpoena",
  court_order: "a court order",
  search_warrant: "a search warrant",
  emergency_request: "an emergency request",
  preservation_request: "a preservation request",
  account_owner_consent: "the account owner's consent",
  mlat_request: "an MLAT request",
  national_security: "national-security process",
};

/** Plain-language names of the identifier types. */
export const IDENTIFIER_LABELS: Readonly<Record<IdentifierType, string>> = {
  email: "email address",
  account_id: "account id",
  phone: "phone number",
  ip: "IP address",
  username: "username",
};

/** Plain-language names of the requester kinds. */
export const REQUESTER_LABELS: Readonly<Record<RequesterKind, string>> = {
  law_enforcement: "a law-enforcement agency",
  other_government: "another government body",
  civil_litigant: "a civil litigant",
};

/** Plain-language names of the signer roles, with their article. */
export const SIGNER_LABELS: Readonly<Record<SignerRole, string>> = {
  judge: "a judge",
  magistrate: "a magistrate",
  prosecutor: "a prosecutor",
  court_clerk: "a court clerk",
  law_enforcement_officer: "a law-enforcement officer",
  attorney: "an attorney",
  government_official: "a government official",
  account_owner: "the account owner",
};
