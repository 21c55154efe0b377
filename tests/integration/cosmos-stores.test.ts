import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@azure/cosmos";
import { CosmosDemandStore } from "../../shared/adapters/cosmos/cosmos-demand-store";
import { CosmosRequesterRegistry } from "../../shared/adapters/cosmos/cosmos-requester-registry";
import { CosmosCustomerDirectory } from "../../shared/adapters/cosmos/cosmos-customer-directory";
import { COSMOS_CONTAINERS } from "../../shared/adapters/cosmos/cosmos-containers";
import { openTestDatabase } from "../support/test-stores";
import { aDemandRecord, aRequester, aTenant, anAccount } from "../support/builders";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});

describe("CosmosDemandStore", () => {
  it("creates once, refuses a second create with the same id, and reads back what it stored", async () => {
    const store = new CosmosDemandStore(database.container(COSMOS_CONTAINERS.demands.id));
    const record = aDemandRecord();
    expect(await store.create(record)).toBe(true);
    expect(await store.create({ ...record, status: "rejected" })).toBe(false);
    const read = await store.get(record.id);
    expect(read?.record).toEqual(record);
  });

  it("replaces only at the current etag", async () => {
    const store = new CosmosDemandStore(database.container(COSMOS_CONTAINERS.demands.id));
    const record = aDemandRecord();
    await store.create(record);
    const first = await store.get(record.id);
    const next = await store.replace({ ...record, status: "in_review" }, first!.etag);
    expect(next).toBe((await store.get(record.id))!.etag);
    expect(await store.replace({ ...record, status: "closed" }, first!.etag)).toBeNull();
    expect((await store.get(record.id))?.record.status).toBe("in_review");
  });

  it("answers null for an unknown id", async () => {
    const store = new CosmosDemandStore(database.container(COSMOS_CONTAINERS.demands.id));
    expect(await store.get("no-such-demand")).toBeNull();
  });

  it("finds open demands whose wake time has come (earliest first), parked ones, and counts a half-year's pending ones", async () => {
    const { database: db } = await database.client.databases.createIfNotExists({ id: `wake-${Date.now()}` });
    await db.containers.createIfNotExists({ id: "demands", partitionKey: { paths: ["/id"] } });
    const store = new CosmosDemandStore(db.container("demands"));
    const due = aDemandRecord({ id: "dmd-due", status: "in_review", wakeAt: "2026-05-02T00:00:00.000Z", receivedAt: "2026-03-01T00:00:00.000Z" });
    const earlier = aDemandRecord({ id: "dmd-earlier", status: "awaiting_notice_window", wakeAt: "2026-05-01T00:00:00.000Z", receivedAt: "2026-03-02T00:00:00.000Z" });
    const later = aDemandRecord({ id: "dmd-later", status: "in_review", wakeAt: "2026-09-01T00:00:00.000Z", receivedAt: "2026-08-01T00:00:00.000Z" });
    const closed = aDemandRecord({ id: "dmd-closed", status: "closed", outcome: "rejected", wakeAt: "2026-04-01T00:00:00.000Z", receivedAt: "2026-03-03T00:00:00.000Z" });
    const parked = aDemandRecord({ id: "dmd-parked", status: "needs_operator", outcome: "disclosed_content", receivedAt: "2026-03-04T00:00:00.000Z" });
    for (const record of [due, earlier, later, closed, parked]) await store.create(record);
    expect(await store.listDue("2026-06-01T00:00:00.000Z", 10)).toEqual([
      { id: "dmd-earlier", wakeAt: "2026-05-01T00:00:00.000Z" },
      { id: "dmd-due", wakeAt: "2026-05-02T00:00:00.000Z" },
    ]);
    expect(await store.listDue("2026-06-01T00:00:00.000Z", 1)).toHaveLength(1);
    expect(await store.listNeedingOperator(10)).toEqual(["dmd-parked"]);
    // R11: received in H1 without a final outcome: due and earlier (closed and parked have their outcome).
    expect(await store.countPending("2026-01-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z")).toBe(2);
    expect(await store.countPending("2026-07-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z")).toBe(1);
  });
});

describe("CosmosRequesterRegistry", () => {
  it("stores, reads and replaces a requester only at the current etag", async () => {
    const registry = new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id));
    const requester = aRequester();
    await registry.create(requester);
    expect(await registry.get(requester.id)).toEqual(requester);
    const first = await registry.read(requester.id);
    expect(await registry.replace({ ...requester, status: "suspended" }, first!.etag)).toBe(true);
    expect(await registry.replace({ ...requester, status: "active" }, first!.etag)).toBe(false);
    expect((await registry.get(requester.id))?.status).toBe("suspended");
    expect(await registry.get("unknown")).toBeNull();
  });
});

describe("CosmosCustomerDirectory", () => {
  it("maps identifiers to accounts case-insensitively for emails and reads their tenants", async () => {
    const directory = new CosmosCustomerDirectory(
      database.container(COSMOS_CONTAINERS.tenants.id),
      database.container(COSMOS_CONTAINERS.accounts.id),
    );
    const tenant = aTenant();
    await directory.upsertTenant(tenant);
    await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "alice@contoso.example" }));
    const found = await directory.findAccounts([
      { type: "email", value: "Alice@Contoso.example" },
      { type: "email", value: "nobody@contoso.example" },
    ]);
    expect(found[0]?.tenantId).toBe(tenant.id);
    expect(found[1]).toBeNull();
    const tenants = await directory.getTenants([tenant.id, tenant.id, "missing"]);
    expect([...tenants.keys()]).toEqual([tenant.id]);
  });

  it("refuses a mapping whose id is not its identifier key", async () => {
    const directory = new CosmosCustomerDirectory(
      database.container(COSMOS_CONTAINERS.tenants.id),
      database.container(COSMOS_CONTAINERS.accounts.id),
    );
    await expect(directory.upsertAccount({ ...anAccount({ tenantId: "t" }), id: "email:other@x.example" })).rejects.toThrow(/identifier key/);
  });
});
