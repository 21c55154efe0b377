import { randomUUID } from "node:crypto";
import type { Database } from "@azure/cosmos";
import type { SubmitDemandHandlerDeps } from "../../functions/handlers/submit-demand-handler";
import { BlobDocumentStore } from "../../shared/adapters/blob/blob-document-store";
import { CosmosAuditLog } from "../../shared/adapters/cosmos/cosmos-audit-log";
import { COSMOS_CONTAINERS } from "../../shared/adapters/cosmos/cosmos-containers";
import { CosmosCustomerDirectory } from "../../shared/adapters/cosmos/cosmos-customer-directory";
import { CosmosDemandStore } from "../../shared/adapters/cosmos/cosmos-demand-store";
import { CosmosRequesterRegistry } from "../../shared/adapters/cosmos/cosmos-requester-registry";
import { DEFAULT_POLICY_LIMITS } from "../../shared/domain/policy/policy-context";
import type { RequesterRegistry } from "../../shared/ports/requester-registry";
import { vetRequester } from "../../shared/use-cases/manage-requesters";
import { requesterPublicKeyPem } from "./builders";
import { RecordingLifecycle } from "./fakes";
import { openTestContainer, openTestDatabase } from "./test-stores";

/** Intake's dependencies on the real stand-ins (Cosmos server, Azurite), with the stores behind them. */
export interface IntakeStack {
  deps: SubmitDemandHandlerDeps;
  database: Database;
  requesters: CosmosRequesterRegistry;
  directory: CosmosCustomerDirectory;
}

/** Opens intake's stores on the test database and blob container; `overrides` replace any dependency. */
export async function openIntakeStack(overrides: Partial<SubmitDemandHandlerDeps> = {}): Promise<IntakeStack> {
  const database = await openTestDatabase();
  const requesters = new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id));
  const directory = new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id));
  const deps: SubmitDemandHandlerDeps = {
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
    ...overrides,
  };
  return { deps, database, requesters, directory };
}

/** Vets a US law-enforcement agency; returns its id and bearer credential. */
export async function vetAnAgency(requesters: RequesterRegistry, name = "Agency"): Promise<{ requesterId: string; credential: string }> {
  const vetted = await vetRequester(
    requesters,
    { name, kind: "law_enforcement", country: "US", jurisdictions: ["US-CA"], contacts: [{ name: "Desk", email: "desk@agency.example" }], deliveryPublicKeyPem: requesterPublicKeyPem },
    new Date(),
    // A fresh vetting each time, as before Idempotency-Keys.
    randomUUID(),
  );
  return { requesterId: vetted.requester.id, credential: vetted.credential };
}
