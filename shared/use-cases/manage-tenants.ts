import { mappingsOf, entryOf, tenantOf, TenantEntry } from "../domain/directory-entry";
import { DomainError, type FieldProblem } from "../errors/domain-error";
import { toFieldProblems } from "../errors/field-problems";
import { recipientKeyProblem } from "../package/recipient-key";
import { DirectoryConflictError, type CustomerDirectoryAdmin, type WriteCondition } from "../ports/customer-directory";

/** A tenant entry with the version it was read or written at. */
export interface VersionedEntry {
  entry: TenantEntry;
  etag: string;
}

/** Parses and checks one entry; every problem is listed with its path (prefixed for imports). */
export function checkEntry(value: unknown, prefix = ""): { entry?: TenantEntry; problems: FieldProblem[] } {
  const parsed = TenantEntry.safeParse(value);
  if (!parsed.success) return { problems: toFieldProblems(parsed.error).map((p) => ({ ...p, path: `${prefix}${p.path}` })) };
  const problems: FieldProblem[] = [];
  const key = parsed.data.keyOption;
  if (key.kind === "customer_held") {
    // The same rule as a requester's delivery key (format §9): a data key wrapped to anything weaker is readable by whoever receives the package.
    const keyProblem = recipientKeyProblem(key.publicKeyPem);
    if (keyProblem !== null) problems.push({ path: `${prefix}keyOption.publicKeyPem`, message: keyProblem === "is not a readable PEM public key" ? "must be an RSA public key in PEM (SPKI)" : keyProblem });
  }
  if (key.kind === "customer_managed" && !key.vaultUrl.startsWith("https://")) problems.push({ path: `${prefix}keyOption.vaultUrl`, message: "must be an https:// Key Vault URL" });
  return { entry: parsed.data, problems };
}

/** Identifiers of the entries that a tenant not among them holds already, each as a problem at locate(path). */
export async function findClaimedIdentifiers(directory: CustomerDirectoryAdmin, entries: readonly { entry: TenantEntry; locate: (path: string) => string }[]): Promise<FieldProblem[]> {
  const writing = new Set(entries.map(({ entry }) => entry.id));
  const problems: FieldProblem[] = [];
  // Customer data is laid out by account id alone (docs/customer-data.md): an account id another tenant holds would
  // let these tenants' identifiers reach that tenant's data (R6). One query for every entry.
  const holders = await directory.accountHolders(entries.flatMap(({ entry }) => entry.accounts.map((account) => account.accountId)));
  for (const { entry, locate } of entries) {
    const targets = entry.accounts.flatMap((account, a) => account.identifiers.map((identifier, i) => ({ target: { type: identifier.type, value: identifier.value }, path: `accounts.${a}.identifiers.${i}` })));
    const found = await directory.findAccounts(targets.map((t) => t.target));
    found.forEach((mapping, index) => {
      // Tenants written together may move identifiers among themselves.
      if (mapping !== null && !writing.has(mapping.tenantId)) problems.push({ path: locate(targets[index]?.path ?? ""), message: `is already an identifier of tenant ${mapping.tenantId}` });
    });
    entry.accounts.forEach((account, a) => {
      const other = (holders.get(account.accountId) ?? []).find((tenantId) => !writing.has(tenantId));
      if (other !== undefined) problems.push({ path: locate(`accounts.${a}.accountId`), message: `is already an account of tenant ${other}` });
    });
  }
  return problems;
}

/** POST /api/manage/tenants: adds a tenant with its accounts; 409 when the id or an identifier is taken. */
export async function createTenant(directory: CustomerDirectoryAdmin, body: unknown): Promise<VersionedEntry> {
  const entry = validOrThrow(body);
  await throwIfClaimed(directory, entry);
  return { entry, etag: await write(directory, entry, { kind: "create" }) };
}

/** PUT /api/manage/tenants/{id}: replaces a tenant and its accounts at the version the caller read (If-Match). */
export async function updateTenant(directory: CustomerDirectoryAdmin, id: string, body: unknown, ifMatch: string | undefined): Promise<VersionedEntry> {
  if (ifMatch === undefined || ifMatch.trim() === "") throw new DomainError("precondition-required", "Send If-Match with the ETag of the tenant as you read it (GET /api/manage/tenants/{id}).");
  const entry = validOrThrow(body);
  if (entry.id !== id) throw new DomainError("validation-failed", "The body's id must be the tenant id of the URL.", [{ path: "id", message: `must be ${id}` }]);
  await throwIfClaimed(directory, entry);
  return { entry, etag: await write(directory, entry, { kind: "ifMatch", etag: ifMatch.trim() }) };
}

/** GET /api/manage/tenants/{id}: the tenant with its accounts and its version. */
export async function getTenantEntry(directory: CustomerDirectoryAdmin, id: string): Promise<VersionedEntry> {
  const stored = await directory.getStoredTenant(id);
  if (stored === null) throw new DomainError("not-found", `There is no tenant ${id}.`);
  return { entry: entryOf(stored.tenant, stored.mappings), etag: stored.etag };
}

/** GET /api/manage/tenants: a page of tenants (without their accounts) in id order, and where the next page starts. */
export async function listTenantPage(directory: CustomerDirectoryAdmin, options: { limit: number; after?: string }): Promise<{ tenants: unknown[]; next?: string }> {
  const tenants = await directory.listTenants({ limit: options.limit + 1, ...(options.after === undefined ? {} : { after: options.after }) });
  const page = tenants.slice(0, options.limit);
  return { tenants: page, ...(tenants.length > options.limit ? { next: page.at(-1)?.id ?? "" } : {}) };
}

/** Writes an entry under a condition, as a DomainError when the condition fails. */
export async function write(directory: CustomerDirectoryAdmin, entry: TenantEntry, condition: WriteCondition, takeFrom: readonly string[] = []): Promise<string> {
  try {
    return await directory.putTenant(tenantOf(entry), mappingsOf(entry), condition, { takeFrom });
  } catch (error) {
    if (!(error instanceof DirectoryConflictError)) throw error;
    if (error.reason === "exists") throw new DomainError("conflict", `Tenant ${entry.id} exists already: read it and update it with PUT and If-Match.`);
    if (error.reason === "missing") throw new DomainError("not-found", `There is no tenant ${entry.id}.`);
    if (error.reason === "claimed") throw new DomainError("conflict", "Some identifiers belong to another tenant (claimed while this change was made): nothing was written.");
    throw new DomainError("precondition-failed", `Tenant ${entry.id} changed since it was read: read it again and repeat the change.`);
  }
}

function validOrThrow(body: unknown): TenantEntry {
  const { entry, problems } = checkEntry(body);
  if (entry === undefined || problems.length > 0) throw new DomainError("validation-failed", "The tenant is not valid.", problems);
  return entry;
}

async function throwIfClaimed(directory: CustomerDirectoryAdmin, entry: TenantEntry): Promise<void> {
  const claimed = await findClaimedIdentifiers(directory, [{ entry, locate: (path) => path }]);
  if (claimed.length > 0) throw new DomainError("conflict", "Some identifiers or account ids belong to another tenant.", claimed);
}

