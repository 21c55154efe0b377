import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { BlobDocumentStore } from "../../../shared/adapters/blob/blob-document-store";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosAuditLog } from "../../../shared/adapters/cosmos/cosmos-audit-log";
import { CosmosCustomerDirectory } from "../../../shared/adapters/cosmos/cosmos-customer-directory";
import { CosmosDemandStore } from "../../../shared/adapters/cosmos/cosmos-demand-store";
import { CosmosRequesterRegistry } from "../../../shared/adapters/cosmos/cosmos-requester-registry";
import { DEFAULT_POLICY_LIMITS } from "../../../shared/domain/policy/policy-context";
import { vetRequester } from "../../../shared/use-cases/manage-requesters";
import { makeSubmitDemandHandler, type SubmitDemandHandlerDeps } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission, aTenant, anAccount, requesterPublicKeyPem } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { RecordingLifecycle } from "../../support/fakes";
import { openTestContainer, openTestDatabase } from "../../support/test-stores";

// The directory knows an enterprise customer's IPv6 address in its canonical (RFC 5952) form. An IPv6 address is the
// same address however it is written: hex digits in either case, "::" or the zero groups spelled out. A demand that
// names it in another valid notation must reach the same customer (R4: redirect first; R5: notice), not be read as
// "no account matches".
let deps: SubmitDemandHandlerDeps;
let credential = "";

beforeAll(async () => {
  const database = await openTestDatabase();
  const requesters = new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id));
  const directory = new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id));
  const enterprise = aTenant({ name: "Fabrikam Ltd", kind: "organisation", seats: 500, commercialService: true, adminContacts: [{ name: "Admin", email: "admin@fabrikam.example" }] });
  await directory.upsertTenant(enterprise);
  await directory.upsertAccount(anAccount({ tenantId: enterprise.id, identifierType: "ip", identifierValue: "2001:db8::5" }));
  deps = {
    requesters,
    lifecycle: new RecordingLifecycle(),
    audit: new CosmosAuditLog(database.container(COSMOS_CONTAINERS.audit.id)),
    demands: new CosmosDemandStore(database.container(COSMOS_CONTAINERS.demands.id)),
    documents: new BlobDocumentStore(await openTestContainer("documents")),
    directory,
    now: () => new Date("2026-11-21T12:00:00.000Z"),
    providerLegalNames: ["Contoso Cloud Services LLC"],
    limits: DEFAULT_POLICY_LIMITS,
    agreements: [],
    maxBodyBytes: 1024 * 1024,
    publicBaseUrl: "http://localhost:7071",
  };
  const vetted = await vetRequester(
    requesters,
    { name: "Agency", kind: "law_enforcement", country: "US", jurisdictions: ["US-CA"], contacts: [{ name: "Desk", email: "desk@agency.example" }], deliveryPublicKeyPem: requesterPublicKeyPem },
    new Date(),
  );
  credential = vetted.credential;
});

async function submitFor(ip: string) {
  const body = aSubmission({ targets: [{ type: "ip", value: ip }], categories: ["subscriber_info", "ip_history"] });
  const response = await makeSubmitDemandHandler(async () => deps)(
    aJsonPost(body, { authorization: `Bearer ${credential}`, "idempotency-key": `ip-${randomUUID()}` }),
    aContext(),
  );
  expect(response.status).toBe(202);
  return jsonOf(response);
}

describe("an IPv6 target written in another valid notation reaches the same enterprise customer", () => {
  it("the canonical form is redirected to the enterprise customer (control)", async () => {
    const view = await submitFor("2001:db8::5");
    expect(view.status).toBe("received");
    expect(view.redirect).toBe(true);
  });

  it.each(["2001:DB8::5", "2001:db8:0:0:0:0:0:5", "2001:0db8:0000:0000:0000:0000:0000:0005"])("%s is redirected the same way", async (ip) => {
    const view = await submitFor(ip);
    expect(view.status).toBe("received");
    expect(view.redirect).toBe(true);
  });
});
