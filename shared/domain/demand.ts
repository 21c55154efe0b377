import { z } from "zod";
import {
  DataCategory,
  EmergencyKind,
  IdentifierType,
  LegalProcessKind,
  RejectionReason,
  RequesterKind,
  SignerRole,
} from "./enums";
import { CountryCode, IsoDate, Jurisdiction, Sha256Hex, ShortText } from "./primitives";

// Where intake draws the line (R3, R11): the schema refuses (400) only what cannot be read as a demand at all: wrong
// types, unknown fields, malformed values. What is readable but legally defective (no identifiers, no signature, an
// empty date, an emergency without its summary) passes the schema, so the demand is recorded and the policy engine
// rejects it with every reason that applies. tests/unit/policy/intake-boundary.test.ts holds both sides to this line.

/** A date the policy requires but a readable demand may leave empty ("" or absent): then it is rejected as wrong dates. */
export const RequiredDate = z.union([IsoDate, z.literal("")]).default("");

/** An optional date; "" reads as absent. */
export const OptionalDate = z.union([IsoDate, z.literal("")]).optional();

/** Free text the policy requires but a readable demand may leave empty: then it is rejected as facially invalid. */
const RequiredLongText = z.string().trim().max(4000).default("");

/** The requester as the demand describes itself; the policy checks it against the vetted record. */
export const DeclaredRequester = z.strictObject({
  kind: RequesterKind,
  country: CountryCode,
  jurisdiction: Jurisdiction,
  agency: ShortText,
  caseReference: ShortText.optional(),
});
export type DeclaredRequester = z.infer<typeof DeclaredRequester>;

/** Who signed the legal process. */
export const Signature = z.strictObject({
  name: ShortText,
  role: SignerRole,
  signedOn: RequiredDate,
});
export type Signature = z.infer<typeof Signature>;

/** The legal process as submitted (the PDF travels separately in the submission). */
export const LegalProcess = z.strictObject({
  kind: LegalProcessKind,
  reference: ShortText,
  issuingAuthority: ShortText,
  issuingCountry: CountryCode,
  issuedOn: RequiredDate,
  expiresOn: OptionalDate,
  signature: Signature.optional(),
  addressedTo: z.string().trim().max(200),
});
export type LegalProcess = z.infer<typeof LegalProcess>;

/** One typed identifier named by the order; the value's format is checked by the policy (material mistakes). */
export const Target = z.strictObject({
  type: IdentifierType,
  value: z.string().trim().min(1).max(320),
});
export type Target = z.infer<typeof Target>;

/** The period of data the order covers, inclusive; a missing end is "unbounded" (R3 wrong dates). */
export const DateRange = z.strictObject({
  from: RequiredDate,
  to: OptionalDate,
});
export type DateRange = z.infer<typeof DateRange>;

/** A secrecy (non-disclosure) order; no expiresOn means it has no end date (R9). */
export const SecrecyOrder = z.strictObject({
  reference: ShortText,
  issuingCourt: ShortText,
  issuedOn: IsoDate,
  expiresOn: IsoDate.optional(),
});
export type SecrecyOrder = z.infer<typeof SecrecyOrder>;

/** What an emergency request must carry (R10). */
export const EmergencyDetails = z.strictObject({
  onOfficialLetterhead: z.boolean(),
  signingAuthority: ShortText,
  kind: EmergencyKind,
  summary: RequiredLongText,
  howDataHelps: RequiredLongText,
});
export type EmergencyDetails = z.infer<typeof EmergencyDetails>;

/** The account owner's lawful consent, needed for civil content requests (R2). */
export const ConsentEvidence = z.strictObject({
  accountIdentifier: z.string().trim().min(1).max(320),
  grantedOn: IsoDate,
  categories: z.array(DataCategory).min(1).max(6),
  documentSha256: Sha256Hex,
});
export type ConsentEvidence = z.infer<typeof ConsentEvidence>;

/** The legal substance of a demand: everything the policy engine judges. */
export const DemandBody = z.strictObject({
  requester: DeclaredRequester,
  legalProcess: LegalProcess,
  // No identifiers at all is overly broad (R3), a legal defect, not an unreadable body.
  targets: z.array(Target).max(1000).default([]),
  // No category at all is a legal defect (R2: data type not supported, nothing remains), not an unreadable body.
  categories: z.array(DataCategory).max(6),
  dateRange: DateRange,
  secrecyOrder: SecrecyOrder.optional(),
  emergency: EmergencyDetails.optional(),
  consent: ConsentEvidence.optional(),
  childExploitationInvestigation: z.boolean().default(false),
});
export type DemandBody = z.infer<typeof DemandBody>;

/** The PDF of the legal process as uploaded, base64 encoded. */
export const DocumentUpload = z.strictObject({
  // The name is that of the copy attached to the customer's notice (R5): no control characters, and no bidirectional
  // overrides or isolates, which make "warrant\u202Eexe.pdf" read as "warrantfdp.exe".
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/\.pdf$/i, "must be a .pdf file name")
    .regex(/^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u, "must not contain control characters or bidirectional overrides"),
  contentBase64: z
    .base64()
    .min(8)
    .meta({ description: "The PDF, base64. It must be a PDF file: a %PDF-1.x or %PDF-2.0 header, a cross-reference section or stream naming the catalog (/Root), and startxref + %%EOF at the end." }),
});
export type DocumentUpload = z.infer<typeof DocumentUpload>;

/** The body of POST /api/demands. */
export const DemandSubmission = DemandBody.extend({ document: DocumentUpload });
export type DemandSubmission = z.infer<typeof DemandSubmission>;

/** Where the stored copy of the legal-process document lives and its digest. */
export const StoredDocument = z.strictObject({
  blobName: z.string(),
  sha256: Sha256Hex,
  size: z.number().int().nonnegative(),
  filename: z.string(),
});
export type StoredDocument = z.infer<typeof StoredDocument>;

/** One entry of a demand's timeline; never carries customer data. */
export const TimelineEntry = z.strictObject({
  /** Set for lifecycle steps, so a retried step is recorded once. */
  id: z.string().optional(),
  at: z.iso.datetime(),
  step: ShortText,
  detail: z.string().max(2000).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** A finding that rejects the demand or refuses one category, with the reason shown to the requester. */
export const Finding = z.strictObject({
  reason: RejectionReason,
  explanation: z.string(),
  category: DataCategory.optional(),
});
export type Finding = z.infer<typeof Finding>;
