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
import { makeGetDemandHandler } from "../../../functions/handlers/get-demand-handler";
import { makeSubmitDemandHandler, type SubmitDemandHandlerDeps } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission, requesterPublicKeyPem } from "../../support/builders";
import { aContext, aJsonPost, aRequest, jsonOf } from "../../support/http";
import { RecordingLifecycle } from "../../support/fakes";
import { openTestContainer, openTestDatabase } from "../../support/test-stores";

// RFC 9110 §11.1: the authentication scheme is a case-insensitive token, and one or more spaces may follow it. The
// OpenAPI document itself declares the scheme as "bearer" (lower case), and OAuth token responses commonly carry
// token_type "bearer", which clients copy into the header. A valid credential must be accepted however the scheme is
// spelled; the credential itself stays exact.
let deps: SubmitDemandHandlerDeps;
let credential = "";
let demandId = "";

beforeAll(async () => {
  const database = await openTestDatabase();
  const requesters = new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id));
  deps = {
    requesters,
    lifecycle: new RecordingLifecycle(),
    audit: new CosmosAuditLog(database.container(COSMOS_CONTAINERS.audit.id)),
    demands: new CosmosDemandStore(database.container(COSMOS_CONTAINERS.demands.id)),
    documents: new BlobDocumentStore(await openTestContainer("documents")),
    directory: new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id)),
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
  const created = await makeSubmitDemandHandler(async () => deps)(
    aJsonPost(aSubmission(), { authorization: `Bearer ${credential}`, "idempotency-key": `scheme-${randomUUID()}` }),
    aContext(),
  );
  demandId = String(jsonOf(created).id);
});

describe("the Authorization scheme is case-insensitive", () => {
  it.each([
    ["bearer", (c: string) => `bearer ${c}`],
    ["BEARER", (c: string) => `BEARER ${c}`],
    ["two spaces", (c: string) => `Bearer  ${c}`],
  ])("%s: the requester reads its demand", async (_label, header) => {
    const response = await makeGetDemandHandler(async () => deps)(aRequest({ headers: { authorization: header(credential) }, params: { id: demandId } }), aContext());
    expect(response.status).toBe(200);
    expect(jsonOf(response).id).toBe(demandId);
  });

  it("the credential itself is still compared exactly", async () => {
    const response = await makeGetDemandHandler(async () => deps)(aRequest({ headers: { authorization: `bearer ${credential.toUpperCase()}` }, params: { id: demandId } }), aContext());
    expect(response.status).toBe(401);
  });
});
