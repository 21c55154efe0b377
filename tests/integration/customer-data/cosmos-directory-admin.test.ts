import { describe, expect, it } from "vitest";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosCustomerDirectory } from "../../../shared/adapters/cosmos/cosmos-customer-directory";
import { mappingsOf, tenantOf, type TenantEntry } from "../../../shared/domain/directory-entry";
import { DirectoryConflictError } from "../../../shared/ports/customer-directory";
import { aTenant } from "../../support/builders";
import { openTestDatabase } from "../../support/test-stores";

const entry = (id: string, identifiers: string[]): TenantEntry => ({
  ...aTenant({ id, name: `Tenant ${id}` }),
  accounts: [{ accountId: `acct-${id}`, service: "mail", identifiers: identifiers.map((value) => ({ type: "email" as const, value })) }],
});

describe("CosmosCustomerDirectory administration", () => {
  it("creates once, replaces only at the version read, keeps mappings exactly as written, and lists in id order", async () => {
    const database = await openTestDatabase();
    const directory = new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id));
    const b = entry("b", ["one@b.example", "two@b.example"]);
    const etag = await directory.putTenant(tenantOf(b), mappingsOf(b), { kind: "create" });
    await expect(directory.putTenant(tenantOf(b), mappingsOf(b), { kind: "create" })).rejects.toEqual(new DirectoryConflictError("exists"));
    const stored = await directory.getStoredTenant("b");
    expect(stored?.etag).toBe(etag);
    expect(stored?.mappings.map((m) => m.id).sort()).toEqual(["email:one@b.example", "email:two@b.example"]);

    const fewer = entry("b", ["two@b.example"]);
    const next = await directory.putTenant(tenantOf(fewer), mappingsOf(fewer), { kind: "ifMatch", etag });
    expect(next).not.toBe(etag);
    // A different write at the old version is refused; the same write sent again (a retry) finds its own and goes on.
    const other = entry("b", ["one@b.example"]);
    await expect(directory.putTenant(tenantOf(other), mappingsOf(other), { kind: "ifMatch", etag })).rejects.toEqual(new DirectoryConflictError("changed"));
    await expect(directory.putTenant(tenantOf({ ...fewer, name: "Renamed" }), mappingsOf(fewer), { kind: "ifMatch", etag })).rejects.toEqual(new DirectoryConflictError("changed"));
    expect(await directory.putTenant(tenantOf(fewer), mappingsOf(fewer), { kind: "ifMatch", etag })).toBe(next);
    expect(await directory.findAccounts([{ type: "email", value: "one@b.example" }])).toEqual([null]);

    const a = entry("a", ["x@a.example"]);
    await directory.putTenant(tenantOf(a), mappingsOf(a), { kind: "any" });
    expect((await directory.listTenants({ limit: 10 })).map((t) => t.id)).toEqual(["a", "b"]);
    expect((await directory.listTenants({ limit: 10, after: "a" })).map((t) => t.id)).toEqual(["b"]);
    expect((await directory.listTenants({ limit: 1 })).map((t) => t.id)).toEqual(["a"]);
    expect(await directory.getStoredTenant("nope")).toBeNull();
  });
});
