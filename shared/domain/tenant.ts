import { z } from "zod";
import { IdentifierType } from "./enums";
import { CountryCode, EmailAddress, ShortText } from "./primitives";
import { asciiDomain, e164Of, unquotedLocal } from "./policy/identifier";
import { canonicalIp } from "./policy/ip-address";

/** How the keys of a tenant's packages are held (R7). */
export const KeyOption = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("provider_managed") }),
  z.strictObject({ kind: z.literal("customer_managed"), vaultUrl: z.url(), keyName: ShortText }),
  z.strictObject({ kind: z.literal("customer_held"), publicKeyPem: z.string().min(1) }),
]);
export type KeyOption = z.infer<typeof KeyOption>;

/** Whom an agency is sent to when a demand is redirected to the customer (R4): the customer's designated contact for legal requests. */
export const LegalContact = z.strictObject({
  organisation: ShortText,
  name: ShortText.optional(),
  email: EmailAddress,
  phone: z.string().trim().regex(/^\+?[0-9][0-9 ().-]{4,30}$/, "must be a phone number such as +49 30 1234567").optional(),
});
export type LegalContact = z.infer<typeof LegalContact>;

/** An organisation or a consumer account holder in the customer directory. */
export const Tenant = z.strictObject({
  id: z.string(),
  name: ShortText,
  kind: z.enum(["organisation", "consumer"]),
  seats: z.number().int().nonnegative(),
  commercialService: z.boolean(),
  adminContacts: z.array(z.strictObject({ name: ShortText, email: EmailAddress })).max(20),
  dataCountry: CountryCode,
  keyOption: KeyOption,
  delinkedServices: z.array(ShortText).max(50),
  /** The contact named in a redirect; without one, the tenant's admins are named (R4). */
  legalContact: LegalContact.optional(),
});
export type Tenant = z.infer<typeof Tenant>;

/** One identifier mapped to an account of a tenant. */
export const AccountMapping = z.strictObject({
  id: z.string(),
  identifierType: IdentifierType,
  identifierValue: z.string(),
  accountId: z.string(),
  tenantId: z.string(),
  service: ShortText,
  holderEmail: EmailAddress.optional(),
});
export type AccountMapping = z.infer<typeof AccountMapping>;

/** An enterprise customer (R4): an organisation with more than 50 seats on a commercial service. */
export function isEnterprise(tenant: Pick<Tenant, "kind" | "seats" | "commercialService">): boolean {
  return tenant.kind === "organisation" && tenant.commercialService && tenant.seats > 50;
}

/** The key a directory lookup uses for an identifier: its type and normalised value. */
export function identifierKey(type: IdentifierType, value: string): string {
  const trimmed = value.trim();
  // An IPv6 address has many spellings (case, "::", leading zeros); the key is its one canonical form (RFC 5952).
  // An email's domain has a Unicode and an ASCII (IDNA) spelling; the key uses the ASCII one, and an unquoted local part.
  // A phone number's key is its E.164 form, however it was written.
  const normalised =
    type === "email"
      ? canonicalEmail(trimmed)
      : type === "username"
        ? trimmed.toLowerCase()
        : type === "ip"
          ? canonicalIp(trimmed)
          : type === "phone"
            ? (e164Of(trimmed) ?? trimmed)
            : trimmed;
  return `${type}:${normalised}`;
}

function canonicalEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const domain = at < 0 ? null : asciiDomain(email.slice(at + 1));
  if (domain === null) return email.toLowerCase();
  return `${unquotedLocal(email.slice(0, at)).normalize("NFC").toLowerCase()}@${domain}`;
}

/** What the directory knows about one target of a demand, as the policy engine sees it. */
export const ClassifiedTarget = z.strictObject({
  type: IdentifierType,
  value: z.string(),
  found: z.boolean(),
  accountId: z.string().optional(),
  tenantId: z.string().optional(),
  enterprise: z.boolean(),
  dataCountry: CountryCode.optional(),
  delinked: z.boolean(),
  keyOption: KeyOption.optional(),
});
export type ClassifiedTarget = z.infer<typeof ClassifiedTarget>;
