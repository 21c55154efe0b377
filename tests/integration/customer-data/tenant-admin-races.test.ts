import { describe, expect, it } from "vitest";
import { makeCreateTenantHandler, makeGetTenantHandler, makeImportTenantsHandler, makeUpdateTenantHandler } from "../../../functions/handlers/manage-tenant-handlers";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosCustomerDirectory } from "../../../shared/adapters/cosmos/cosmos-customer-directory";
import type { TenantEntry } from "../../../shared/domain/directory-entry";
import type { AccountMapping } from "../../../shared/domain/tenant";
import { aTenant } from "../../support/builders";
import { aContext, aJsonPost, aRequest, jsonOf } from "../../support/http";
import { openTestDatabase } from "../../support/test-stores";

const entry = (id: string, identifiers: string[]): TenantEntry => ({
  ...aTenant({ id, name: `Tenant ${id}` }),
  accounts: [{ accountId: `acct-${id}`, service: "mail", identifiers: identifiers.map((value) => ({ type: "email" as const, value })) }],
});

async function aDirectory() {
  const database = await openTestDatabase();
  const directory = new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id));
  return { directory, deps: async () => ({ directory }) };
}

const identifiersOf = (response: { jsonBody?: unknown }) =>
  ((jsonOf(response as never).accounts ?? []) as { identifiers: { value: string }[] }[]).flatMap((a) => a.identifiers.map((i) => i.value));

describe("two tenant administration calls at once (Cosmos directory)", () => {
  it("two new tenants claiming the same identifier at once: one is refused (409), and the other keeps it", async () => {
    const { directory, deps } = await aDirectory();
    const create = makeCreateTenantHandler(deps);
    const responses = await Promise.all([create(aJsonPost(entry("tenant-a", ["shared@x.example"])), aContext()), create(aJsonPost(entry("tenant-b", ["shared@x.example"])), aContext())]);
    const statuses = responses.map((r) => r.status).sort();
    // What each caller was told must be what the directory holds: a 201 that lists an identifier the tenant does not hold is a lie.
    for (const [index, id] of ["tenant-a", "tenant-b"].entries()) {
      if (responses[index]!.status !== 201) continue;
      const read = await makeGetTenantHandler(deps)(aRequest({ params: { id } }), aContext());
      expect(identifiersOf(read), `${id} was created with shared@x.example`).toEqual(["shared@x.example"]);
    }
    expect(statuses).toEqual([201, 409]);
    const [owner] = await directory.findAccounts([{ type: "email", value: "shared@x.example" }]);
    expect(responses[["tenant-a", "tenant-b"].indexOf(owner!.tenantId)]!.status).toBe(201);
  });

  it("two updates moving the same new identifier into different tenants at once: one is refused, and the other keeps it", async () => {
    const { directory, deps } = await aDirectory();
    const create = makeCreateTenantHandler(deps);
    const a = await create(aJsonPost(entry("tenant-a", ["a@x.example"])), aContext());
    const b = await create(aJsonPost(entry("tenant-b", ["b@x.example"])), aContext());
    const put = (id: string, body: TenantEntry, etag: string) =>
      makeUpdateTenantHandler(deps)(aRequest({ method: "PUT", params: { id }, headers: { "content-type": "application/json", "if-match": etag }, body: JSON.stringify(body) }), aContext());
    const responses = await Promise.all([
      put("tenant-a", entry("tenant-a", ["a@x.example", "new@x.example"]), (a.headers as Record<string, string>).etag!),
      put("tenant-b", entry("tenant-b", ["b@x.example", "new@x.example"]), (b.headers as Record<string, string>).etag!),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const [owner] = await directory.findAccounts([{ type: "email", value: "new@x.example" }]);
    expect(responses[["tenant-a", "tenant-b"].indexOf(owner!.tenantId)]!.status).toBe(200);
  });

  it("R6: a tenant may not take an account id another tenant holds (the data layout is keyed by account id alone)", async () => {
    const { directory, deps } = await aDirectory();
    const create = makeCreateTenantHandler(deps);
    expect((await create(aJsonPost(entry("tenant-a", ["a@x.example"])), aContext())).status).toBe(201);
    const intruder: TenantEntry = { ...entry("tenant-b", ["b@x.example"]), accounts: [{ accountId: "acct-tenant-a", service: "mail", identifiers: [{ type: "email", value: "b@x.example" }] }] };
    const refused = await create(aJsonPost(intruder), aContext());
    expect(refused.status).toBe(409);
    expect(JSON.stringify(jsonOf(refused))).toContain("accountId");
    expect(await directory.getStoredTenant("tenant-b")).toBeNull();
    expect(await directory.findAccounts([{ type: "email", value: "b@x.example" }])).toEqual([null]);
    // The same account id under the tenant that holds it is its own, and stays writable.
    expect([...(await directory.accountHolders(["acct-tenant-a", "acct-unknown"])).entries()]).toEqual([["acct-tenant-a", ["tenant-a"]]]);
  });

  it("R6: two new tenants taking the same account id at once (under different identifiers): one is refused (409), so the account has one tenant", async () => {
    const { directory, deps } = await aDirectory();
    const create = makeCreateTenantHandler(deps);
    const sharing = (id: string, email: string): TenantEntry => ({ ...entry(id, []), accounts: [{ accountId: "acct-shared", service: "mail", identifiers: [{ type: "email", value: email }] }] });
    const responses = await Promise.all([create(aJsonPost(sharing("tenant-a", "a@x.example")), aContext()), create(aJsonPost(sharing("tenant-b", "b@x.example")), aContext())]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await directory.accountHolders(["acct-shared"])).get("acct-shared")).toHaveLength(1);
  });

  it("R6: an import moving an account between its own tenants hands the account over (in either order), and it stays taken", async () => {
    const { directory, deps } = await aDirectory();
    const create = makeCreateTenantHandler(deps);
    expect((await create(aJsonPost(entry("tenant-a", ["a@x.example"])), aContext())).status).toBe(201);
    expect((await create(aJsonPost(entry("tenant-b", ["b@x.example"])), aContext())).status).toBe(201);
    const moved: TenantEntry = { ...entry("tenant-b", ["b@x.example"]), accounts: [...entry("tenant-b", ["b@x.example"]).accounts, ...entry("tenant-a", ["a@x.example"]).accounts] };
    const imported = await makeImportTenantsHandler(deps)(aJsonPost({ tenants: [moved, { ...entry("tenant-a", []), accounts: [] }] }), aContext());
    expect(imported.status).toBe(200);
    expect([...(await directory.accountHolders(["acct-tenant-a"])).entries()]).toEqual([["acct-tenant-a", ["tenant-b"]]]);
    const back = await makeImportTenantsHandler(deps)(aJsonPost({ tenants: [{ ...entry("tenant-b", []), accounts: [] }, entry("tenant-a", ["a@x.example"])] }), aContext());
    expect(back.status).toBe(200);
    expect([...(await directory.accountHolders(["acct-tenant-a"])).entries()]).toEqual([["acct-tenant-a", ["tenant-a"]]]);
    const intruder: TenantEntry = { ...entry("tenant-c", []), accounts: [{ accountId: "acct-tenant-a", service: "mail", identifiers: [{ type: "email", value: "c@x.example" }] }] };
    expect((await create(aJsonPost(intruder), aContext())).status).toBe(409);
  });

  it("two imports of one tenant at once: the tenant ends as one of them sent it, never with the identifiers of neither", async () => {
    const { deps } = await aDirectory();
    const importing = (name: string, emails: string[]) => makeImportTenantsHandler(deps)(aJsonPost({ tenants: [{ ...entry("tenant-a", emails), name }] }), aContext());
    expect((await importing("Start", ["s@x.example"])).status).toBe(200);
    const responses = await Promise.all([importing("A", ["a1@x.example", "a2@x.example"]), importing("B", ["b1@x.example"])]);
    const read = await makeGetTenantHandler(deps)(aRequest({ params: { id: "tenant-a" } }), aContext());
    const name = String(jsonOf(read).name);
    expect(identifiersOf(read).sort(), `tenant named ${name}`).toEqual(name === "A" ? ["a1@x.example", "a2@x.example"] : ["b1@x.example"]);
    // One of them wins; the other is either refused (412: it was compared with the version the winner replaced) or ran after it.
    expect(responses.map((r) => r.status).filter((status) => status !== 200 && status !== 412)).toEqual([]);
    expect(responses[name === "A" ? 0 : 1]!.status).toBe(200);
  });

  it("a create cut short after its claims (a crash before the tenant was written) completes when sent again, and keeps others out meanwhile", async () => {
    const { directory, deps } = await aDirectory();
    const create = makeCreateTenantHandler(deps);
    // What the crash leaves: tenant-c's claim on its identifier, and no tenant document.
    await directory.upsertAccount({ id: "email:c@x.example", identifierType: "email", identifierValue: "c@x.example", tenantId: "tenant-c", accountId: "acct-tenant-c", service: "mail" });
    expect((await create(aJsonPost(entry("tenant-d", ["c@x.example"])), aContext())).status).toBe(409);
    expect((await create(aJsonPost(entry("tenant-c", ["c@x.example"])), aContext())).status).toBe(201);
    const [owner] = await directory.findAccounts([{ type: "email", value: "c@x.example" }]);
    expect(owner?.tenantId).toBe("tenant-c");
  });

  it("an update cut short after the tenant was written (a crash before its identifiers) completes when the same PUT is sent again", async () => {
    const database = await openTestDatabase();
    let crashes = 0;
    const directory = new (class extends CosmosCustomerDirectory {
      override async upsertAccount(account: AccountMapping): Promise<void> {
        if (crashes > 0) {
          crashes -= 1;
          throw new Error("the host stopped between the tenant and its identifiers");
        }
        await super.upsertAccount(account);
      }
    })(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id));
    const deps = async () => ({ directory });
    const created = await makeCreateTenantHandler(deps)(aJsonPost(entry("tenant-a", ["a@x.example", "old@x.example"])), aContext());
    const put = () =>
      makeUpdateTenantHandler(deps)(
        aRequest({ method: "PUT", params: { id: "tenant-a" }, headers: { "content-type": "application/json", "if-match": (created.headers as Record<string, string>).etag! }, body: JSON.stringify({ ...entry("tenant-a", ["a@x.example"]), name: "Renamed" }) }),
        aContext(),
      );
    crashes = 1;
    expect((await put()).status).toBe(500);
    const retried = await put();
    expect(retried.status).toBe(200);
    expect(await directory.findAccounts([{ type: "email", value: "old@x.example" }])).toEqual([null]);
    expect((await directory.getStoredTenant("tenant-a"))?.tenant.name).toBe("Renamed");
  });
});
