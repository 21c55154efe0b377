import { canonicalJson } from "./canonical-json";
import { entryOf, type TenantEntry } from "../domain/directory-entry";
import { identifierKey } from "../domain/tenant";
import { DomainError, type FieldProblem } from "../errors/domain-error";
import type { CustomerDirectoryAdmin } from "../ports/customer-directory";
import { checkEntry, findClaimedIdentifiers, write } from "./manage-tenants";
import { readTenantCsv } from "./tenant-csv";

/** What an import did, by tenant id. */
export interface ImportResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** Most tenants one import may carry. */
export const MAX_IMPORT_TENANTS = 5000;

/** An import from a JSON body: { "tenants": [ entry, … ] } (or a bare array). */
export async function importTenantsJson(directory: CustomerDirectoryAdmin, body: unknown): Promise<ImportResult> {
  const list = Array.isArray(body) ? body : typeof body === "object" && body !== null && Array.isArray((body as { tenants?: unknown }).tenants) ? (body as { tenants: unknown[] }).tenants : undefined;
  if (list === undefined) throw new DomainError("validation-failed", "The body must be { \"tenants\": [ … ] }.", [{ path: "tenants", message: "must be an array" }]);
  return importEntries(directory, list, (index, path) => `tenants.${index}${path === "" ? "" : `.${path}`}`, []);
}

/** An import from a CSV body (shared/use-cases/tenant-csv.ts); problems name rows and columns. */
export async function importTenantsCsv(directory: CustomerDirectoryAdmin, text: string): Promise<ImportResult> {
  const csv = readTenantCsv(text);
  return importEntries(directory, csv.entries, csv.locate, csv.problems);
}

/**
 * Validates every entry, lists every problem (bad fields, a tenant twice, an identifier of two tenants or of a
 * tenant outside the import), and writes nothing unless there are none; then writes each tenant as given
 * (idempotent by tenant id: importing the same again changes nothing).
 */
async function importEntries(directory: CustomerDirectoryAdmin, values: readonly unknown[], locate: (index: number, path: string) => string, earlier: FieldProblem[]): Promise<ImportResult> {
  if (values.length > MAX_IMPORT_TENANTS) throw new DomainError("validation-failed", `An import carries at most ${MAX_IMPORT_TENANTS} tenants.`, [{ path: "tenants", message: `has ${values.length}` }]);
  const problems = [...earlier];
  const valid: { entry: TenantEntry; index: number }[] = [];
  const relocate = (index: number) => (p: FieldProblem): FieldProblem => ({ path: locate(index, p.path === "(body)" ? "" : p.path), message: p.message });
  values.forEach((value, index) => {
    const { entry, problems: found } = checkEntry(value);
    problems.push(...found.map(relocate(index)));
    if (entry !== undefined && found.length === 0) valid.push({ entry, index });
  });
  const tenantRow = new Map<string, number>();
  const identifierOwner = new Map<string, string>();
  const accountOwner = new Map<string, string>();
  for (const { entry, index } of valid) {
    if (tenantRow.has(entry.id)) problems.push({ path: locate(index, "id"), message: `tenant ${entry.id} is imported twice` });
    tenantRow.set(entry.id, index);
    // One tenant per account id, within the import too: customer data is laid out by account id alone (R6).
    entry.accounts.forEach((account, a) => {
      const owner = accountOwner.get(account.accountId);
      if (owner !== undefined && owner !== entry.id) problems.push({ path: locate(index, `accounts.${a}.accountId`), message: `is also an account of tenant ${owner} in this import` });
      accountOwner.set(account.accountId, entry.id);
    });
    entry.accounts.forEach((account, a) =>
      account.identifiers.forEach((identifier, i) => {
        const key = identifierKey(identifier.type, identifier.value);
        const owner = identifierOwner.get(key);
        if (owner !== undefined && owner !== entry.id) problems.push({ path: locate(index, `accounts.${a}.identifiers.${i}`), message: `is also an identifier of tenant ${owner} in this import` });
        identifierOwner.set(key, entry.id);
      }),
    );
  }
  problems.push(...(await findClaimedIdentifiers(directory, valid.map(({ entry, index }) => ({ entry, locate: (path: string) => locate(index, path) })))));
  if (problems.length > 0) throw new DomainError("validation-failed", `The import has ${problems.length} problem(s); nothing was written.`, problems);

  const result: ImportResult = { created: [], updated: [], unchanged: [] };
  for (const { entry } of valid) {
    const stored = await directory.getStoredTenant(entry.id);
    if (stored !== null && sameEntry(entryOf(stored.tenant, stored.mappings), entry)) {
      result.unchanged.push(entry.id);
      continue;
    }
    try {
      // Written at the version compared: two imports (or an import and a PUT) of one tenant at once interleaved their
      // identifier writes and removals, and the tenant could end with none. The later one is now refused (412) instead.
      // Tenants of one import may move identifiers among themselves.
      await write(directory, entry, stored === null ? { kind: "create" } : { kind: "ifMatch", etag: stored.etag }, [...tenantRow.keys()]);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Another administrator importing the same file at the same moment wrote this tenant first: as imported, unchanged.
      const now = await directory.getStoredTenant(entry.id);
      if (now !== null && sameEntry(entryOf(now.tenant, now.mappings), entry)) {
        result.unchanged.push(entry.id);
        continue;
      }
      // The tenants before this one are written: an administrator told only "nothing was written" would not look.
      const done = [...result.created, ...result.updated];
      throw new DomainError(error.code, `${error.message} This import stopped at tenant ${entry.id}: ${done.length === 0 ? "it wrote no tenant" : `it had written ${done.join(", ")}`}; the tenants after ${entry.id} were not written.`, error.fields);
    }
    (stored === null ? result.created : result.updated).push(entry.id);
  }
  return result;
}

function sameEntry(stored: TenantEntry, entry: TenantEntry): boolean {
  return canonicalJson(normalise(stored)) === canonicalJson(normalise(entry));
}

/** An entry in a comparable form: accounts and identifiers in a fixed order. */
function normalise(entry: TenantEntry): TenantEntry {
  return {
    ...entry,
    accounts: [...entry.accounts]
      .map((account) => ({ ...account, identifiers: [...account.identifiers].map((i) => ({ type: i.type, value: i.value.trim() })).sort((a, b) => identifierKey(a.type, a.value).localeCompare(identifierKey(b.type, b.value))) }))
      .sort((a, b) => a.accountId.localeCompare(b.accountId)),
  };
}
