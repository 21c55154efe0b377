import type { AccountMapping, Tenant } from "../domain/tenant";
import type { Target } from "../domain/demand";

/** The customer directory: tenants and the identifiers that map to their accounts. */
export interface CustomerDirectory {
  /** Finds the account each target maps to (same order; null when unknown). */
  findAccounts(targets: readonly Target[]): Promise<(AccountMapping | null)[]>;
  /** Reads tenants by id. */
  getTenants(ids: readonly string[]): Promise<Map<string, Tenant>>;
  /** Adds or replaces a tenant. */
  upsertTenant(tenant: Tenant): Promise<void>;
  /** Adds or replaces an identifier mapping. */
  upsertAccount(account: AccountMapping): Promise<void>;
}

/** A tenant with its identifier mappings and the version it was read at. */
export interface StoredTenant {
  tenant: Tenant;
  mappings: AccountMapping[];
  /** An opaque version (an HTTP entity tag, quoted) for If-Match. */
  etag: string;
}

/** How a write of a tenant is conditioned: it must be new, or still at a version, or anything goes (bulk import). */
export type WriteCondition = { kind: "create" } | { kind: "ifMatch"; etag: string } | { kind: "any" };

/** Raised when a conditional write finds the tenant missing, present or at another version. */
export class DirectoryConflictError extends Error {
  override readonly name = "DirectoryConflictError";

  constructor(readonly reason: "exists" | "missing" | "changed" | "claimed") {
    super(
      reason === "exists"
        ? "the tenant exists already"
        : reason === "missing"
          ? "the tenant does not exist"
          : reason === "claimed"
            ? "an identifier belongs to another tenant"
            : "the tenant changed since it was read",
    );
  }
}

/** Administration of the directory: tenants with their mappings, versioned for read-modify-write. */
export interface CustomerDirectoryAdmin extends CustomerDirectory {
  /** A tenant, its mappings and its version; null when unknown. */
  getStoredTenant(id: string): Promise<StoredTenant | null>;
  /**
   * The tenants holding each of these account ids (through any identifier mapping). The data layout is keyed by
   * account id alone, so an account id held by two tenants would let one tenant's identifiers reach the other's data.
   */
  accountHolders(accountIds: readonly string[]): Promise<Map<string, string[]>>;
  /** A page of tenants in id order, after the given id. */
  listTenants(options: { limit: number; after?: string }): Promise<Tenant[]>;
  /**
   * Writes a tenant under the condition, then makes its mappings exactly these (adding new ones, removing the
   * ones no longer listed); returns the new version. The same write sent again at the version it replaced (a retry,
   * maybe after a crash between the tenant and its mappings) completes it. Throws DirectoryConflictError when the
   * condition fails, or ("claimed", writing nothing) when an identifier or an account id is held by another tenant than those of
   * `options.takeFrom`: the claim is made atomically, so of two writes at once claiming one only one succeeds.
   */
  putTenant(tenant: Tenant, mappings: readonly AccountMapping[], condition: WriteCondition, options?: { takeFrom?: readonly string[] }): Promise<string>;
}
