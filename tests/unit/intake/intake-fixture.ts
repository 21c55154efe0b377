import { randomUUID } from "node:crypto";
import { DEFAULT_POLICY_LIMITS } from "../../../shared/domain/policy/policy-context";
import { vetRequester } from "../../../shared/use-cases/manage-requesters";
import type { SubmitDemandHandlerDeps } from "../../../functions/handlers/submit-demand-handler";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";
import { aTenant, anAccount, requesterPublicKeyPem } from "../../support/builders";
import { InMemoryCustomerDirectory, InMemoryDemandStore, InMemoryDocumentStore, InMemoryRequesterRegistry, RecordingLifecycle } from "../../support/fakes";

/** Intake wired to in-memory fakes, with one vetted requester and one consumer account. */
export async function makeIntakeFixture() {
  const requesters = new InMemoryRequesterRegistry();
  const demands = new InMemoryDemandStore();
  const documents = new InMemoryDocumentStore();
  const directory = new InMemoryCustomerDirectory();
  const tenant = aTenant();
  await directory.upsertTenant(tenant);
  await directory.upsertAccount(anAccount({ tenantId: tenant.id }));
  const now = () => new Date("2026-11-21T12:00:00.000Z");
  const vetted = await vetRequester(
    requesters,
    {
      name: "Example County Sheriff",
      kind: "law_enforcement",
      country: "US",
      jurisdictions: ["US-CA"],
      contacts: [{ name: "Records", email: "records@sheriff.example" }],
      deliveryPublicKeyPem: requesterPublicKeyPem,
    },
    now(),
    // A fresh vetting each time, as before Idempotency-Keys.
    randomUUID(),
  );
  const lifecycle = new RecordingLifecycle();
  const audit = new MemoryAuditLog();
  const deps: SubmitDemandHandlerDeps = {
    requesters,
    lifecycle,
    audit,
    demands,
    documents,
    directory,
    now,
    providerLegalNames: ["Contoso Cloud Services LLC", "Contoso"],
    limits: DEFAULT_POLICY_LIMITS,
    agreements: [],
    maxBodyBytes: 256 * 1024,
    publicBaseUrl: "http://localhost:7071",
  };
  return { deps, requesters, demands, documents, directory, lifecycle, audit, credential: vetted.credential, requesterId: vetted.requester.id };
}
