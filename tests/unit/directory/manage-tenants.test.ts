import { beforeEach, describe, expect, it } from "vitest";
import { makeCreateTenantHandler, makeGetTenantHandler, makeImportTenantsHandler, makeListTenantsHandler, makeUpdateTenantHandler } from "../../../functions/handlers/manage-tenant-handlers";
import { demoTenantEntries, seedDemoDirectory } from "../../../scripts/demo-directory";
import { aContext, aJsonPost, aRequest, jsonOf } from "../../support/http";
import { InMemoryCustomerDirectory } from "../../support/fakes";

let directory: InMemoryCustomerDirectory;
const deps = async () => ({ directory });

const contoso = {
  id: "tenant-contoso",
  name: "Contoso Pharma",
  kind: "organisation",
  seats: 400,
  commercialService: true,
  adminContacts: [{ name: "IT", email: "it@contoso-pharma.example" }],
  dataCountry: "FR",
  keyOption: { kind: "provider_managed" },
  delinkedServices: [],
  legalContact: { organisation: "Contoso Pharma SA", email: "legal@contoso-pharma.example", phone: "+33 1 23 45 67 89" },
  accounts: [{ accountId: "acct-cp-1", service: "mail", holderEmail: "ceo@contoso-pharma.example", identifiers: [{ type: "email", value: "ceo@contoso-pharma.example" }, { type: "phone", value: "+33123456789" }] }],
};

beforeEach(() => {
  directory = new InMemoryCustomerDirectory();
});

const problemPaths = (response: { jsonBody?: unknown }) => ((response.jsonBody as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);

describe("tenant administration", () => {
  it("creates, reads (with ETag), updates with If-Match, and lists", async () => {
    const created = await makeCreateTenantHandler(deps)(aJsonPost(contoso), aContext());
    expect(created.status).toBe(201);
    const etag = (created.headers as Record<string, string>).etag!;
    expect((await directory.findAccounts([{ type: "phone", value: "+33123456789" }]))[0]?.accountId).toBe("acct-cp-1");

    const read = await makeGetTenantHandler(deps)(aRequest({ params: { id: "tenant-contoso" } }), aContext());
    expect(read.status).toBe(200);
    expect(jsonOf(read)).toMatchObject({ id: "tenant-contoso", legalContact: { organisation: "Contoso Pharma SA" } });

    const changed = { ...contoso, seats: 450, accounts: [{ ...contoso.accounts[0]!, identifiers: [{ type: "email", value: "ceo@contoso-pharma.example" }] }] };
    const put = (ifMatch?: string, body: unknown = changed) => makeUpdateTenantHandler(deps)(aRequest({ method: "PUT", params: { id: "tenant-contoso" }, headers: { "content-type": "application/json", ...(ifMatch === undefined ? {} : { "if-match": ifMatch }) }, body: JSON.stringify(body) }), aContext());
    expect((await put()).status).toBe(428);
    const updated = await put(etag);
    expect(updated.status).toBe(200);
    // Another change at the version read is refused; the same PUT sent again (a retry) is not.
    expect((await put(etag, { ...changed, seats: 451 })).status).toBe(412);
    expect((await put(etag)).status).toBe(200);
    // The identifier no longer listed is gone from lookups.
    expect(await directory.findAccounts([{ type: "phone", value: "+33123456789" }])).toEqual([null]);

    const listed = await makeListTenantsHandler(deps)(aRequest({ url: "http://localhost/api/manage/tenants?limit=1" }), aContext());
    expect((jsonOf(listed).tenants as { id: string }[]).map((t) => t.id)).toEqual(["tenant-contoso"]);
  });

  it("answers problem+json for a bad tenant, a taken id and a taken identifier, changing nothing", async () => {
    const bad = await makeCreateTenantHandler(deps)(aJsonPost({ ...contoso, seats: -1, dataCountry: "France", keyOption: { kind: "customer_held", publicKeyPem: "not a key" } }), aContext());
    expect(bad.status).toBe(400);
    expect((bad.headers as Record<string, string>)["content-type"]).toBe("application/problem+json");
    expect(problemPaths(bad)).toEqual(expect.arrayContaining(["seats", "dataCountry"]));
    expect(directory.tenants.size).toBe(0);

    expect((await makeCreateTenantHandler(deps)(aJsonPost(contoso), aContext())).status).toBe(201);
    expect((await makeCreateTenantHandler(deps)(aJsonPost(contoso), aContext())).status).toBe(409);
    const thief = await makeCreateTenantHandler(deps)(aJsonPost({ ...contoso, id: "tenant-thief", accounts: [{ ...contoso.accounts[0]!, accountId: "acct-x" }] }), aContext());
    expect(thief.status).toBe(409);
    expect(problemPaths(thief)).toEqual(["accounts.0.identifiers.0", "accounts.0.identifiers.1"]);
    expect(directory.tenants.has("tenant-thief")).toBe(false);
  });

  it("accepts contact addresses with '#', '&' or '+' and an internationalised domain, as an email identifier may be written", async () => {
    const holder = "kim#ops+law@contoso-pharma.example";
    const tenant = {
      ...contoso,
      adminContacts: [{ name: "Søren Ødegård", email: "it&sec@contoso-pharma.example" }],
      legalContact: { organisation: "Contoso Pharma SA", email: "recht@bücher.example" },
      accounts: [{ accountId: "acct-cp-1", service: "mail", holderEmail: holder, identifiers: [{ type: "email", value: holder }] }],
    };
    const response = await makeCreateTenantHandler(deps)(aJsonPost(tenant), aContext());
    expect(problemPaths(response)).toEqual([]);
    expect(response.status).toBe(201);
    expect((await directory.findAccounts([{ type: "email", value: holder }]))[0]?.holderEmail).toBe(holder);
  });

  it("an IPv4 address written as IPv4-mapped IPv6 (::ffff:192.0.2.1, as dual-stack logs show it) is the same identifier", async () => {
    const withIp = (id: string, accountId: string, ip: string) => ({ ...contoso, id, accounts: [{ accountId, service: "mail", identifiers: [{ type: "ip", value: ip }] }] });
    expect((await makeCreateTenantHandler(deps)(aJsonPost(withIp("tenant-contoso", "acct-cp-1", "192.0.2.1")), aContext())).status).toBe(201);
    const second = await makeCreateTenantHandler(deps)(aJsonPost(withIp("tenant-other", "acct-other", "::ffff:192.0.2.1")), aContext());
    expect(second.status).toBe(409);
    expect(problemPaths(second)).toEqual(["accounts.0.identifiers.0"]);
    expect((await directory.findAccounts([{ type: "ip", value: "::FFFF:c000:0201" }]))[0]?.tenantId).toBe("tenant-contoso");
  });

  it("names an account id held by another tenant as such in the problem's detail, not as identifiers", async () => {
    expect((await makeCreateTenantHandler(deps)(aJsonPost(contoso), aContext())).status).toBe(201);
    const other = { ...contoso, id: "tenant-other", accounts: [{ ...contoso.accounts[0]!, identifiers: [{ type: "email", value: "someone@else.example" }] }] };
    const taken = await makeCreateTenantHandler(deps)(aJsonPost(other), aContext());
    expect(taken.status).toBe(409);
    expect(problemPaths(taken)).toEqual(["accounts.0.accountId"]);
    expect((taken.jsonBody as { detail: string }).detail).toMatch(/account id/);
  });

  it("checks a customer-held key is an RSA public key", async () => {
    const response = await makeCreateTenantHandler(deps)(aJsonPost({ ...contoso, keyOption: { kind: "customer_held", publicKeyPem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" } }), aContext());
    expect(response.status).toBe(400);
    expect(problemPaths(response)).toEqual(["keyOption.publicKeyPem"]);
  });
});

describe("bulk import", () => {
  const importJson = (body: unknown) => makeImportTenantsHandler(deps)(aJsonPost(body), aContext());
  const importCsv = (text: string) => makeImportTenantsHandler(deps)(aRequest({ method: "POST", headers: { "content-type": "text/csv" }, body: text }), aContext());

  it("imports the demo directory, idempotently by tenant id", async () => {
    const first = await importJson({ tenants: demoTenantEntries() });
    expect(first.status).toBe(200);
    expect((jsonOf(first).created as string[]).sort()).toEqual(["tenant-fabrikam", "tenant-lee", "tenant-northwind", "tenant-pat"]);
    const again = await importJson({ tenants: demoTenantEntries() });
    expect(jsonOf(again)).toMatchObject({ created: [], updated: [] });
    expect((jsonOf(again).unchanged as string[]).length).toBe(4);
    await seedDemoDirectory(directory);
    expect(directory.tenants.size).toBe(4);
  });

  it("reports every bad entry of a JSON import and writes nothing", async () => {
    const response = await importJson({
      tenants: [
        contoso,
        { ...contoso, id: "tenant-two", seats: "many", accounts: [] },
        { ...contoso, id: "tenant-three", accounts: [{ ...contoso.accounts[0]!, accountId: "acct-3" }] },
        { ...contoso, id: "bad/id", accounts: [] },
      ],
    });
    expect(response.status).toBe(400);
    const paths = problemPaths(response);
    expect(paths).toEqual(expect.arrayContaining(["tenants.1.seats", "tenants.2.accounts.0.identifiers.0", "tenants.2.accounts.0.identifiers.1", "tenants.3.id"]));
    expect(directory.tenants.size).toBe(0);
    expect(directory.accounts.size).toBe(0);
  });

  it("R5/R6: a tenant sent without its accounts (the list's entries carry none) is refused, naming accounts, and no identifier is dropped", async () => {
    expect((await importJson({ tenants: [contoso] })).status).toBe(200);
    const { accounts: _omitted, ...withoutAccounts } = contoso;
    const renamed = { ...withoutAccounts, name: "Contoso Pharma SA" };
    const imported = await importJson({ tenants: [renamed] });
    expect(imported.status).toBe(400);
    expect(problemPaths(imported)).toEqual(["tenants.0.accounts"]);
    const put = await makeUpdateTenantHandler(deps)(
      aRequest({ method: "PUT", params: { id: "tenant-contoso" }, headers: { "content-type": "application/json", "if-match": "*" }, body: JSON.stringify(renamed) }),
      aContext(),
    );
    expect(put.status).toBe(400);
    expect((await directory.findAccounts([{ type: "email", value: "ceo@contoso-pharma.example" }]))[0]?.tenantId).toBe("tenant-contoso");
    // A tenant with no accounts says so.
    expect((await importJson({ tenants: [{ ...withoutAccounts, id: "tenant-empty", accounts: [] }] })).status).toBe(200);
  });

  const HEADER = "tenant_id,tenant_name,kind,seats,commercial_service,data_country,key_option,admins,legal_contact_organisation,legal_contact_email,account_id,service,holder_email,identifier_type,identifier_value";

  it("imports a CSV, one row per identifier", async () => {
    const csv = [
      HEADER,
      'tenant-wwi,Wide World Importers,organisation,120,true,GB,provider_managed,"IT <it@wwi.example>; Legal <legal@wwi.example>",Wide World Importers Ltd,legal@wwi.example,acct-wwi-1,mail,boss@wwi.example,email,boss@wwi.example',
      "tenant-wwi,,,,,,,,,,acct-wwi-1,,,phone,+441632960001",
      "tenant-solo,Sam Solo,consumer,1,false,US,,,,,,,,,",
    ].join("\n");
    const response = await importCsv(csv);
    expect(response.status).toBe(200);
    expect(jsonOf(response).created).toEqual(["tenant-wwi", "tenant-solo"]);
    const stored = await directory.getStoredTenant("tenant-wwi");
    expect(stored?.tenant.adminContacts).toEqual([{ name: "IT", email: "it@wwi.example" }, { name: "Legal", email: "legal@wwi.example" }]);
    expect(stored?.tenant.legalContact).toEqual({ organisation: "Wide World Importers Ltd", email: "legal@wwi.example" });
    expect(stored?.mappings.map((m) => m.id).sort()).toEqual(["email:boss@wwi.example", "phone:+441632960001"]);
    expect(jsonOf(await importCsv(csv)).unchanged).toEqual(["tenant-wwi", "tenant-solo"]);
  });

  it("reports every bad CSV row by row and column, and writes nothing", async () => {
    const csv = [
      HEADER,
      "tenant-a,A Corp,organisation,lots,true,GB,,,,,acct-a,mail,,email,a@a.example",
      "tenant-a,B Corp,,,,,,,,,acct-a,,,email,not-an-email",
      "tenant-b,B Ltd,company,5,true,XX1,,,,,acct-b,mail,,email,b@b.example",
      ",No Id,consumer,1,false,US,,,,,,,,,",
      "tenant-c,C,consumer,1,false,US,,,,,acct-c,mail,,fax,123",
    ].join("\n");
    const response = await importCsv(csv);
    expect(response.status).toBe(400);
    const paths = problemPaths(response);
    expect(paths).toEqual(expect.arrayContaining(["row 2.seats", "row 3.tenant_name", "row 3.identifier_value", "row 4.kind", "row 4.data_country", "row 5.tenant_id", "row 6.identifier_type"]));
    expect(directory.tenants.size).toBe(0);
  });

  it("R4: skips the blank rows a spreadsheet export leaves at the end (cells all empty), still refusing a blank row between tenants", async () => {
    const blank = ",".repeat(HEADER.split(",").length - 1);
    const rows = [HEADER, "tenant-a,A,consumer,1,false,US,,,,,acct-aaaaaa,mail,,email,a@x.example"];
    const response = await importCsv([...rows, blank, " , ,", ""].join("\r\n"));
    expect(response.status).toBe(200);
    expect(jsonOf(response).created).toEqual(["tenant-a"]);
    const between = await importCsv([...rows, blank, "tenant-b,B,consumer,1,false,US,,,,,acct-bbbbbb,mail,,email,b@x.example"].join("\n"));
    expect(between.status).toBe(400);
    expect(problemPaths(between)).toEqual(["row 3.tenant_id"]);
  });

  it("R4: names problems by the row a spreadsheet shows, counting a truly empty line (refused) and a quoted cell's line breaks as a spreadsheet does", async () => {
    const rows = [
      HEADER,
      "tenant-a,A,consumer,1,false,US,,,,,acct-aaaaaa,mail,,email,a@x.example",
      "",
      "tenant-b,B,consumer,1,false,US,,,,,acct-bbbbbb,mail,,fax,123",
      'tenant-c,"C\nSecond line",consumer,1,false,US,,,,,acct-cccccc,mail,,email,c@x.example',
      "tenant-d,D,consumer,1,false,US,,,,,acct-dddddd,mail,,fax,456",
    ];
    const response = await importCsv(rows.join("\r\n"));
    expect(response.status).toBe(400);
    // Row 3 is the empty line: a blank row between data rows may be a lost row, so it is still refused.
    expect(problemPaths(response)).toEqual(["row 3.tenant_id", "row 4.identifier_type", "row 6.identifier_type"]);
    expect(directory.tenants.size).toBe(0);
    // An empty line before the header is skipped, and counted.
    const leading = await importCsv(["", HEADER, "tenant-b,B,consumer,1,false,US,,,,,acct-bbbbbb,mail,,fax,123"].join("\n"));
    expect(problemPaths(leading)).toEqual(["row 3.identifier_type"]);
  });

  it("R4: two administrators importing the same file at once both succeed, and a write lost to another change says what this import wrote", async () => {
    const rows = [HEADER, "tenant-a,A,consumer,1,false,US,,,,,acct-aaaaaa,mail,,email,a@x.example", "tenant-b,B,consumer,1,false,US,,,,,acct-bbbbbb,mail,,email,b@x.example", "tenant-c,C,consumer,1,false,US,,,,,acct-cccccc,mail,,email,c@x.example"];
    /** A directory where, just before this import writes tenant-b, another call writes it (the same entry, or another). */
    class RacedDirectory extends InMemoryCustomerDirectory {
      other: "same" | "different" = "same";
      override async putTenant(...args: Parameters<InMemoryCustomerDirectory["putTenant"]>): Promise<string> {
        const [tenant, mappings, condition] = args;
        if (tenant.id === "tenant-b" && (await this.getStoredTenant("tenant-b")) === null) {
          await super.putTenant(this.other === "same" ? tenant : { ...tenant, name: "B by the other admin" }, mappings, condition);
        }
        return super.putTenant(...args);
      }
    }
    const raced = new RacedDirectory();
    const importInto = (text: string) => makeImportTenantsHandler(async () => ({ directory: raced }))(aRequest({ method: "POST", headers: { "content-type": "text/csv" }, body: text }), aContext());
    const same = await importInto(rows.join("\n"));
    expect(same.status).toBe(200);
    expect(jsonOf(same)).toEqual({ created: ["tenant-a", "tenant-c"], updated: [], unchanged: ["tenant-b"] });

    const fresh = new RacedDirectory();
    fresh.other = "different";
    const lost = await makeImportTenantsHandler(async () => ({ directory: fresh }))(aRequest({ method: "POST", headers: { "content-type": "text/csv" }, body: rows.join("\n") }), aContext());
    expect(lost.status).toBe(409);
    const detail = String(jsonOf(lost).detail);
    expect(detail).toContain("tenant-a");
    expect(detail).not.toMatch(/^[^.]*nothing was written/i);
    expect(await fresh.getStoredTenant("tenant-a")).not.toBeNull();
    expect(await fresh.getStoredTenant("tenant-c")).toBeNull();
  });

  it("refuses a CSV whose header names a column twice (one of the two would be silently dropped), writing nothing", async () => {
    const csv = [`${HEADER},tenant_id`, "tenant-a,A,consumer,1,false,US,,,,,acct-aaaaaa,mail,,email,a@x.example,tenant-b"].join("\n");
    const response = await importCsv(csv);
    expect(response.status).toBe(400);
    expect(jsonOf(response).errors).toEqual([{ path: "row 1", message: "columns named twice: tenant_id" }]);
    expect(directory.tenants.size).toBe(0);
  });

  it("refuses a CSV that is not UTF-8 (a spreadsheet's Windows-1252 export) by line, instead of storing names with U+FFFD", async () => {
    const csv = Buffer.from([HEADER, "tenant-a,Café Müller,consumer,1,false,US,,,,,acct-aaaaaa,mail,,email,a@x.example"].join("\r\n"), "latin1");
    const response = await makeImportTenantsHandler(deps)(aRequest({ method: "POST", headers: { "content-type": "text/csv" }, body: csv }), aContext());
    expect(response.status).toBe(400);
    expect(jsonOf(response).errors).toEqual([{ path: "line 2", message: "is not UTF-8 text: save the CSV as UTF-8" }]);
    expect(directory.tenants.size).toBe(0);
  });

  it("R7: refuses key cells the key option does not use (a customer's own vault named without key_option stayed provider_managed)", async () => {
    const header = "tenant_id,tenant_name,kind,data_country,key_option,key_vault_url,key_name,customer_public_key_pem";
    const csv = [header, "tenant-a,A,consumer,US,,https://contoso.vault.azure.net,package-kek,", "tenant-b,B,consumer,US,customer_managed,https://b.vault.azure.net,kek,-----BEGIN PUBLIC KEY-----"].join("\n");
    const response = await importCsv(csv);
    expect(response.status).toBe(400);
    expect(problemPaths(response)).toEqual(["row 2.key_option", "row 3.key_option"]);
    expect(directory.tenants.size).toBe(0);
  });

  it("R4: refuses a legal contact given only by name or phone, naming the missing columns, instead of dropping it", async () => {
    const header = "tenant_id,tenant_name,kind,seats,commercial_service,data_country,admins,legal_contact_organisation,legal_contact_name,legal_contact_email,legal_contact_phone";
    const csv = [header, "tenant-a,A Corp,organisation,200,true,US,IT <it@a.example>,,Dana Law,,+1 206 555 0100"].join("\n");
    const response = await importCsv(csv);
    expect(response.status).toBe(400);
    expect(problemPaths(response)).toEqual(["row 2.legal_contact_organisation", "row 2.legal_contact_email"]);
    expect(directory.tenants.size).toBe(0);
  });

  it("R4: an organisation's seats and commercial_service are required (left empty, a 400-seat customer imported as 1 seat, never redirected)", async () => {
    const header = "tenant_id,tenant_name,kind,seats,commercial_service,data_country";
    const csv = [header, "tenant-big,Big Corp,organisation,,,US", "tenant-sam,Sam,consumer,,,US"].join("\n");
    const response = await importCsv(csv);
    expect(response.status).toBe(400);
    expect(problemPaths(response)).toEqual(["row 2.seats", "row 2.commercial_service"]);
    expect(directory.tenants.size).toBe(0);
  });

  it("R5: refuses a row with an account's service or holder email but no account id, instead of dropping it", async () => {
    const csv = [HEADER, "tenant-a,A,consumer,1,false,US,,,,,,mail,kim@a.example,,"].join("\n");
    const response = await importCsv(csv);
    expect(response.status).toBe(400);
    expect(problemPaths(response)).toEqual(["row 2.account_id"]);
    expect(directory.tenants.size).toBe(0);
  });

  it("answers an import in another media type (a .csv uploaded as application/vnd.ms-excel) with 415 naming both accepted types", async () => {
    const response = await makeImportTenantsHandler(deps)(aRequest({ method: "POST", headers: { "content-type": "application/vnd.ms-excel" }, body: HEADER }), aContext());
    expect(response.status).toBe(415);
    expect(String(jsonOf(response).detail)).toContain("text/csv");
  });

  it("names a CSV column when an account has too many identifiers (more than 100 rows)", async () => {
    const rows = Array.from({ length: 101 }, (_, i) => `tenant-a,A,consumer,1,false,US,,,,,acct-aaaaaa,mail,,email,u${i}@a.example`);
    const response = await importCsv([HEADER, ...rows].join("\n"));
    expect(response.status).toBe(400);
    expect(problemPaths(response)).toEqual(["row 2.identifier_value"]);
  });

  it("refuses an identifier that two tenants of one import claim", async () => {
    const csv = [HEADER, "tenant-a,A,consumer,1,false,US,,,,,acct-a,mail,,email,same@x.example", "tenant-b,B,consumer,1,false,US,,,,,acct-b,mail,,email,same@x.example"].join("\n");
    const response = await importCsv(csv);
    expect(response.status).toBe(400);
    expect(problemPaths(response)).toEqual(["row 3.identifier_value"]);
  });

  it("R6: refuses an account id that two tenants of one import hold (customer data is laid out by account id alone)", async () => {
    const csv = [HEADER, "tenant-a,A,consumer,1,false,US,,,,,acct-shared,mail,,email,a@x.example", "tenant-b,B,consumer,1,false,US,,,,,acct-shared,mail,,email,b@x.example"].join("\n");
    const response = await importCsv(csv);
    expect(response.status).toBe(400);
    expect(problemPaths(response)).toEqual(["row 3.account_id"]);
    expect(await directory.findAccounts([{ type: "email", value: "a@x.example" }])).toEqual([null]);
  });
});
