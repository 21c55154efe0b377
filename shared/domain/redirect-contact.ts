import type { Tenant } from "./tenant";

/** Who an agency is told to approach when its demand is redirected (R4): the organisation and its contact, nothing more. */
export interface RedirectContact {
  tenantId: string;
  organisation: string;
  contacts: { name?: string; email: string; phone?: string }[];
  /** Where the contact came from: the tenant's designated legal contact, or its admins when it set none. */
  basis: "legal_contact" | "admins";
}

/** The customer's basic contact information released with a redirect: its legal contact, else its admins. */
export function redirectContactOf(tenant: Tenant): RedirectContact {
  if (tenant.legalContact !== undefined) {
    const { organisation, name, email, phone } = tenant.legalContact;
    return { tenantId: tenant.id, organisation, contacts: [{ ...(name === undefined ? {} : { name }), email, ...(phone === undefined ? {} : { phone }) }], basis: "legal_contact" };
  }
  return { tenantId: tenant.id, organisation: tenant.name, contacts: tenant.adminContacts.map(({ name, email }) => ({ name, email })), basis: "admins" };
}
