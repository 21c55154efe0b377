import { generateKeyPairSync } from "node:crypto";
import { identifierKey, type AccountMapping, type Tenant } from "../shared/domain/tenant";
import type { IdentifierType } from "../shared/domain/enums";
import { entryOf, type TenantEntry } from "../shared/domain/directory-entry";
import type { CustomerDirectoryAdmin } from "../shared/ports/customer-directory";
import { importTenantsJson } from "../shared/use-cases/import-tenants";

// A customer-held key is only ever a public key on the provider's side; the demo makes one per seeding.
const customerHeld = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();

/** The demo tenants: an EU enterprise, a small business, consumers in the US and Ireland, and a de-linked service. */
export const DEMO_TENANTS: Tenant[] = [
  {
    id: "tenant-fabrikam",
    name: "Fabrikam GmbH",
    kind: "organisation",
    seats: 1200,
    commercialService: true,
    adminContacts: [{ name: "Fabrikam Legal", email: "legal@fabrikam.example" }],
    legalContact: { organisation: "Fabrikam GmbH", name: "Legal Department", email: "legal-requests@fabrikam.example", phone: "+49 30 1234567" },
    dataCountry: "DE",
    keyOption: { kind: "customer_managed", vaultUrl: "https://fabrikam-keys.vault.azure.net/", keyName: "disclosure-kek" },
    delinkedServices: [],
  },
  {
    id: "tenant-northwind",
    name: "Northwind Traders",
    kind: "organisation",
    seats: 30,
    commercialService: true,
    adminContacts: [{ name: "Northwind IT", email: "it@northwind.example" }],
    dataCountry: "US",
    keyOption: { kind: "provider_managed" },
    delinkedServices: [],
  },
  {
    id: "tenant-pat",
    name: "Pat Doe",
    kind: "consumer",
    seats: 1,
    commercialService: false,
    adminContacts: [],
    dataCountry: "US",
    keyOption: { kind: "provider_managed" },
    delinkedServices: ["anonymous-links"],
  },
  {
    id: "tenant-lee",
    name: "Lee Byrne",
    kind: "consumer",
    seats: 1,
    commercialService: false,
    adminContacts: [],
    dataCountry: "IE",
    keyOption: { kind: "customer_held", publicKeyPem: customerHeld },
    delinkedServices: [],
  },
];

function account(tenantId: string, type: IdentifierType, value: string, accountId: string, service: string, holderEmail?: string): AccountMapping {
  return { id: identifierKey(type, value), identifierType: type, identifierValue: value, accountId, tenantId, service, ...(holderEmail ? { holderEmail } : {}) };
}

/** The demo identifiers and the accounts they map to. */
export const DEMO_ACCOUNTS: AccountMapping[] = [
  account("tenant-fabrikam", "email", "ceo@fabrikam.example", "acct-fab-0001", "mail", "ceo@fabrikam.example"),
  account("tenant-fabrikam", "email", "sales@fabrikam.example", "acct-fab-0002", "mail", "sales@fabrikam.example"),
  account("tenant-northwind", "email", "owner@northwind.example", "acct-nw-0001", "mail", "owner@northwind.example"),
  account("tenant-pat", "email", "pat@outlook.example", "acct-pat-0001", "mail", "pat@outlook.example"),
  account("tenant-pat", "phone", "+14155550123", "acct-pat-0001", "mail", "pat@outlook.example"),
  account("tenant-pat", "username", "share-7f3a9c", "acct-pat-0002", "anonymous-links"),
  account("tenant-lee", "email", "lee@outlook.example", "acct-lee-0001", "mail", "lee@outlook.example"),
  account("tenant-lee", "ip", "203.0.113.7", "acct-lee-0001", "mail", "lee@outlook.example"),
];

/** The demo directory as import entries: each tenant with its accounts and their identifiers. */
export function demoTenantEntries(): TenantEntry[] {
  return DEMO_TENANTS.map((tenant) => entryOf(tenant, DEMO_ACCOUNTS.filter((account) => account.tenantId === tenant.id)));
}

/** Loads the demo directory through the same bulk import as POST /api/manage/tenant-imports (idempotent). */
export async function seedDemoDirectory(directory: CustomerDirectoryAdmin): Promise<void> {
  await importTenantsJson(directory, { tenants: demoTenantEntries() });
}
