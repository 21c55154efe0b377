import { z } from "zod";

/** Who sends a demand. */
export const RequesterKind = z.enum(["law_enforcement", "other_government", "civil_litigant"]);
export type RequesterKind = z.infer<typeof RequesterKind>;

/** The kinds of legal process a demand can carry. */
export const LegalProcessKind = z.enum([
  "subpoena",
  "court_order",
  "search_warrant",
  "emergency_request",
  "preservation_request",
  "account_owner_consent",
  "mlat_request",
  "national_security",
]);
export type LegalProcessKind = z.infer<typeof LegalProcessKind>;

/** Who signed the legal process; the policy checks it against the process kind. */
export const SignerRole = z.enum([
  "judge",
  "magistrate",
  "prosecutor",
  "court_clerk",
  "law_enforcement_officer",
  "attorney",
  "government_official",
  "account_owner",
]);
export type SignerRole = z.infer<typeof SignerRole>;

/** Typed identifiers a demand may name. */
export const IdentifierType = z.enum(["email", "account_id", "phone", "ip", "username"]);
export type IdentifierType = z.infer<typeof IdentifierType>;

/** Data categories; the content ones need a warrant (R2). */
export const DataCategory = z.enum([
  "subscriber_info",
  "ip_history",
  "billing",
  "content_mail",
  "content_files",
  "content_messages",
]);
export type DataCategory = z.infer<typeof DataCategory>;

/** Categories that are content (mail bodies, files, messages). */
export const CONTENT_CATEGORIES: readonly DataCategory[] = ["content_mail", "content_files", "content_messages"];

/** True when the category is content rather than non-content. */
export function isContentCategory(category: DataCategory): boolean {
  return CONTENT_CATEGORIES.includes(category);
}

/** How the demand reached the provider (R3: anything but the portal is improperly served). */
export const ServiceChannel = z.enum(["portal", "email", "postal", "fax", "in_person"]);
export type ServiceChannel = z.infer<typeof ServiceChannel>;

/** The closed list of rejection reasons (R3). */
export const RejectionReason = z.enum([
  "facially_invalid",
  "improperly_served",
  "wrong_provider",
  "data_type_not_supported",
  "exceeds_authority",
  "unsigned_or_unauthorised",
  "wrong_dates",
  "not_properly_addressed",
  "material_mistakes",
  "overly_broad",
]);
export type RejectionReason = z.infer<typeof RejectionReason>;

/** The closed list of outcomes a closed demand is counted under (R11). */
export const Outcome = z.enum([
  "rejected",
  "withdrawn",
  "no_data",
  "redirected",
  "disclosed_non_content",
  "disclosed_content",
  "challenged",
]);
export type Outcome = z.infer<typeof Outcome>;

/** Where a demand stands in its lifecycle. */
export const DemandStatus = z.enum([
  "received",
  "rejected",
  "awaiting_redirect",
  "in_review",
  "awaiting_notice_window",
  "collecting",
  "delivered",
  "awaiting_secrecy_expiry",
  /** A step kept failing after its retries; an operator must resume the demand (nothing is silently stuck). */
  "needs_operator",
  "closed",
]);
export type DemandStatus = z.infer<typeof DemandStatus>;

/** Danger an emergency request describes (R10). */
export const EmergencyKind = z.enum(["death", "serious_physical_injury", "kidnapping", "suicide_threat", "child_exploitation", "other"]);
export type EmergencyKind = z.infer<typeof EmergencyKind>;
