import { z } from "zod";
import { RequesterKind } from "./enums";
import { CountryCode, EmailAddress, Jurisdiction, ShortText } from "./primitives";

/** Whether a vetted requester may use the portal. */
export const RequesterStatus = z.enum(["active", "suspended", "revoked"]);
export type RequesterStatus = z.infer<typeof RequesterStatus>;

/** A contact at the requesting agency. */
export const RequesterContact = z.strictObject({
  name: ShortText,
  email: EmailAddress,
});
export type RequesterContact = z.infer<typeof RequesterContact>;

/** What an administrator submits to vet a requester. */
export const VetRequesterInput = z.strictObject({
  name: ShortText,
  kind: RequesterKind,
  country: CountryCode,
  jurisdictions: z.array(Jurisdiction).min(1).max(50),
  contacts: z.array(RequesterContact).min(1).max(10),
  deliveryPublicKeyPem: z
    .string()
    .max(10_000)
    .regex(/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/, "must be a PEM SPKI public key"),
  /** The agency's number on file for verifying emergency requests by calling back (R10), never one from a request. */
  emergencyCallbackNumber: z.string().trim().regex(/^\+?[0-9 ()-]{6,30}$/, "must be a telephone number").optional(),
});
export type VetRequesterInput = z.infer<typeof VetRequesterInput>;

/** A vetted requester as stored; the credential is kept only as a hash. */
export const VettedRequester = VetRequesterInput.extend({
  id: z.string(),
  status: RequesterStatus,
  credentialId: z.string(),
  credentialHash: z.string(),
  vettedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type VettedRequester = z.infer<typeof VettedRequester>;

/** The public view of a vetted requester (no credential material). */
export type RequesterProfile = Omit<VettedRequester, "credentialHash">;
