import { beforeAll, describe, expect, it } from "vitest";
import { BlobDocumentStore } from "../../../shared/adapters/blob/blob-document-store";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosAuditLog } from "../../../shared/adapters/cosmos/cosmos-audit-log";
import { CosmosCustomerDirectory } from "../../../shared/adapters/cosmos/cosmos-customer-directory";
import { CosmosDemandStore } from "../../../shared/adapters/cosmos/cosmos-demand-store";
import { CosmosRequesterRegistry } from "../../../shared/adapters/cosmos/cosmos-requester-registry";
import { DEFAULT_POLICY_LIMITS } from "../../../shared/domain/policy/policy-context";
import type { AuditLog } from "../../../shared/ports/audit-log";
import { vetRequester } from "../../../shared/use-cases/manage-requesters";
import { makeSubmitDemandHandler, type SubmitDemandHandlerDeps } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission, aTenant, anAccount, requesterPublicKeyPem } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { RecordingLifecycle } from "../../support/fakes";
import { openTestContainer, openTestDatabase } from "../../support/test-stores";

// R12: every demand's chain starts with its receipt and verdict. The client's answer to a failed POST is to retry it
// with the same Idempotency-Key; the demand it gets back must not be one whose chain never started.
let deps: SubmitDemandHandlerDeps;
let cosmosAudit: CosmosAuditLog;
const lifecycle = new RecordingLifecycle();
let credential = "";

beforeAll(async () => {
  const database = await openTestDatabase();
  const requesters = new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id));
  const directory = new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id));
  const tenant = aTenant();
  await directory.upsertTenant(tenant);
  await directory.upsertAccount(anAccount({ tenantId: tenant.id }));
  cosmosAudit = new CosmosAuditLog(database.container(COSMOS_CONTAINERS.audit.id));
  // The real audit log, through a wrapper whose append a test can make fail once.
  const audit: AuditLog = {
    append: (...args) => cosmosAudit.append(...args),
    list: (id) => cosmosAudit.list(id),
    listEntryTimesBetween: (from, to) => cosmosAudit.listEntryTimesBetween(from, to),
    firstEntryAt: () => cosmosAudit.firstEntryAt(),
  };
  deps = {
    requesters,
    lifecycle,
    audit,
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

describe("intake retried after the audit log failed once", () => {
  it.each([
    ["the receipt", 0, "audit-retry-receipt"],
    ["the verdict", 1, "audit-retry-verdict"],
  ])("a failure writing %s: the retry with the same key answers 202 and the chain starts with receipt and verdict", async (_what, appendsBeforeFailure, key) => {
    const submit = makeSubmitDemandHandler(async () => deps);
    const body = aSubmission();
    const headers = { authorization: `Bearer ${credential}`, "idempotency-key": key };
    // The audit store fails once, transiently (throttled), after `appendsBeforeFailure` appends went through.
    let passed = 0;
    const original = deps.audit.append;
    deps.audit.append = async (...args) => {
      if (passed < appendsBeforeFailure) {
        passed += 1;
        return cosmosAudit.append(...args);
      }
      deps.audit.append = original;
      throw Object.assign(new Error("Request rate is large"), { code: 429 });
    };
    const first = await submit(aJsonPost(body, headers), aContext());
    expect(first.status).toBe(500);

    const retried = await submit(aJsonPost(body, headers), aContext());
    expect(retried.status).toBe(202);
    const id = String(jsonOf(retried).id);
    expect(lifecycle.started.has(id)).toBe(true);
    expect((await cosmosAudit.list(id)).map((e) => e.step)).toEqual(["received", "validated"]);
  });
});
