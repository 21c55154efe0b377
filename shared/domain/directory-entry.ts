import { z } from "zod";
import { IdentifierType } from "./enums";
import { validateIdentifier } from "./policy/identifier";
import { EmailAddress, ShortText } from "./primitives";
import { identifierKey, Tenant, type AccountMapping } from "./tenant";

/** A tenant id as the directory stores it (a Cosmos DB id: no "/", "\\", "?" or "#"). */
export const TenantId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");

/** One identifier that maps to an account. */
export const DirectoryIdentifier = z.strictObject({ type: IdentifierType, value: z.string().trim().min(1).max(320) }).superRefine((identifier, ctx) => {
  const verdict = validateIdentifier(identifier.type, identifier.value);
  if (!verdict.ok) ctx.addIssue({ code: "custom", path: ["value"], message: `${identifier.type} ${verdict.explanation}` });
});
export type DirectoryIdentifier = z.infer<typeof DirectoryIdentifier>;

/** One account of a tenant and the identifiers that reach it. */
export const DirectoryAccount = z.strictObject({
  accountId: z.string().min(1).max(200),
  service: ShortText,
  holderEmail: EmailAddress.optional(),
  identifiers: z.array(DirectoryIdentifier).min(1).max(100),
});
export type DirectoryAccount = z.infer<typeof DirectoryAccount>;

/**
 * A tenant with its accounts, as the directory administration endpoints and the bulk import read and write it.
 * `accounts` is required: a write replaces the tenant's identifiers with those listed, so a tenant sent without them
 * (the tenant list's entries carry none) would silently drop every identifier; a tenant with no accounts says `[]`.
 */
export const TenantEntry = Tenant.extend({ id: TenantId, accounts: z.array(DirectoryAccount).max(1000) }).superRefine((entry, ctx) => {
  const accounts = new Set<string>();
  const identifiers = new Set<string>();
  entry.accounts.forEach((account, a) => {
    if (accounts.has(account.accountId)) ctx.addIssue({ code: "custom", path: ["accounts", a, "accountId"], message: "is listed twice" });
    accounts.add(account.accountId);
    account.identifiers.forEach((identifier, i) => {
      const key = identifierKey(identifier.type, identifier.value);
      if (identifiers.has(key)) ctx.addIssue({ code: "custom", path: ["accounts", a, "identifiers", i], message: "is listed twice" });
      identifiers.add(key);
    });
  });
});
export type TenantEntry = z.infer<typeof TenantEntry>;

/** The tenant part of an entry. */
export function tenantOf(entry: TenantEntry): Tenant {
  const { accounts: _accounts, ...tenant } = entry;
  return tenant;
}

/** The identifier mappings an entry stands for (id = identifierKey). */
export function mappingsOf(entry: TenantEntry): AccountMapping[] {
  return entry.accounts.flatMap((account) =>
    account.identifiers.map((identifier) => ({
      id: identifierKey(identifier.type, identifier.value),
      identifierType: identifier.type,
      identifierValue: identifier.value.trim(),
      accountId: account.accountId,
      tenantId: entry.id,
      service: account.service,
      ...(account.holderEmail === undefined ? {} : { holderEmail: account.holderEmail }),
    })),
  );
}

/** An entry rebuilt from a tenant and its stored mappings (accounts in first-seen order). */
export function entryOf(tenant: Tenant, mappings: readonly AccountMapping[]): TenantEntry {
  const accounts = new Map<string, DirectoryAccount>();
  for (const mapping of [...mappings].sort((a, b) => a.id.localeCompare(b.id))) {
    const account = accounts.get(mapping.accountId) ?? {
      accountId: mapping.accountId,
      service: mapping.service,
      ...(mapping.holderEmail === undefined ? {} : { holderEmail: mapping.holderEmail }),
      identifiers: [],
    };
    account.identifiers.push({ type: mapping.identifierType, value: mapping.identifierValue });
    accounts.set(mapping.accountId, account);
  }
  return { ...tenant, accounts: [...accounts.values()] };
}
