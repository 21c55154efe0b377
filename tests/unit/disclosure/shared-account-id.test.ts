import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeCreateTenantHandler } from "../../../functions/handlers/manage-tenant-handlers";
import { seedDemoDirectory } from "../../../scripts/demo-directory";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import { DemoDataSource } from "../../../shared/adapters/local/demo-data-source";
import { generateDemoDataset } from "../../../shared/adapters/local/demo-data/demo-dataset";
import { SealingDisclosureService } from "../../../shared/disclosure/sealing-disclosure-service";
import { DataCategory } from "../../../shared/domain/enums";
import { aRequester, requesterKeys, TEST_NOW } from "../../support/builders";
import { InMemoryCustomerDirectory, InMemoryRequesterRegistry } from "../../support/fakes";
import { aContext, aJsonPost } from "../../support/http";
import { aDemandWithScope, aScope } from "./disclosure-fixture";
import { MemoryAuditLog, MemoryPackageStore, openWith } from "./disclosure-fakes";

// The data layout (docs/customer-data.md) is keyed by account id alone: "<account>/<category>/<day>/<item>". A second
// tenant whose account carries the id of another tenant's account therefore reaches that other tenant's data.
const intruder = {
  id: "tenant-intruder",
  name: "Another consumer",
  kind: "consumer",
  seats: 1,
  commercialService: false,
  adminContacts: [],
  dataCountry: "US",
  keyOption: { kind: "provider_managed" },
  delinkedServices: [],
  // Pat's account id (tenant-pat in the demo directory), under an identifier of this other tenant.
  accounts: [{ accountId: "acct-pat-0001", service: "mail", holderEmail: "sam@mail.example", identifiers: [{ type: "email", value: "sam@mail.example" }] }],
};

describe("R6: an identifier of one tenant never discloses another tenant's account", () => {
  it("a disclosure for another tenant's identifier holds none of Pat's items (or the directory refuses the shared account id)", async () => {
    const directory = new InMemoryCustomerDirectory();
    await seedDemoDirectory(directory);
    const created = await makeCreateTenantHandler(async () => ({ directory }))(aJsonPost(intruder), aContext());
    // Refusing the account id (409) would keep the directory sound; otherwise the disclosure must not reach Pat's data.
    if (created.status === 409) return;
    expect(created.status).toBe(201);

    const provider = new LocalKeyring({ directory: await mkdtemp(join(tmpdir(), "lrw-provider-")), modulusLength: 2048 });
    const requesters = new InMemoryRequesterRegistry();
    const requester = aRequester();
    await requesters.create(requester);
    const store = new MemoryPackageStore();
    const service = new SealingDisclosureService({
      directory,
      requesters,
      source: new DemoDataSource(generateDemoDataset(undefined, TEST_NOW)),
      packages: store,
      deliveries: store,
      provider,
      customerVaultKey: () => {
        throw new Error("no customer vault in this test");
      },
      audit: new MemoryAuditLog(),
      now: () => new Date("2026-11-25T09:00:00.000Z"),
      segmentSize: 1024,
    });

    const scope = aScope([{ type: "email", value: "sam@mail.example" }], [...DataCategory.options]);
    const demand = aDemandWithScope(requester.id, scope);
    const result = await service.disclose(demand, scope);
    const delivered = store.records.get(demand.id)?.packages ?? [];
    const items: string[] = [];
    for (const pkg of delivered) {
      const opened = await openWith(store.committed.get(pkg.blobName)!, requesterKeys.privateKey, createPublicKey(await provider.getSigningPublicKeyPem()), pkg.requesterKey!);
      items.push(...opened.items.keys());
    }
    // Today: Pat's mail, files and sign-ins, sealed under the other tenant's key option and delivered.
    expect(items.filter((path) => path.startsWith("acct-pat-0001/"))).toEqual([]);
    expect(result.itemCount).toBe(0);
  });
});
