import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@azure/cosmos";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosCustomerDirectory } from "../../../shared/adapters/cosmos/cosmos-customer-directory";
import { CosmosDemandStore } from "../../../shared/adapters/cosmos/cosmos-demand-store";
import { CosmosEffectLedger } from "../../../shared/adapters/cosmos/cosmos-effect-ledger";
import { CosmosRequesterRegistry } from "../../../shared/adapters/cosmos/cosmos-requester-registry";
import { CosmosTransparencyStore } from "../../../shared/adapters/cosmos/cosmos-transparency-store";
import { CosmosUsedTokenStore } from "../../../shared/adapters/cosmos/cosmos-used-token-store";
import { CosmosAuditLog } from "../../../shared/adapters/cosmos/cosmos-audit-log";
import { identifierKey } from "../../../shared/domain/tenant";
import { aDemandRecord, aRequester, aTenant, anAccount } from "../../support/builders";
import { openTestDatabase } from "../../support/test-stores";
import { UNSAFE_IDS } from "../../support/unsafe-ids";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});

const container = (name: keyof typeof COSMOS_CONTAINERS) => database.container(COSMOS_CONTAINERS[name].id);

describe("Cosmos adapters with ids Cosmos DB cannot hold (/ \\ # ? and long ones)", () => {
  it.each(UNSAFE_IDS)("requester registry: %j is unknown, and a requester with that id round-trips", async (id) => {
    const registry = new CosmosRequesterRegistry(container("requesters"));
    expect(await registry.get(id)).toBeNull();
    const requester = aRequester({ id });
    await registry.create(requester);
    expect(await registry.get(id)).toEqual(requester);
  });

  it.each(UNSAFE_IDS)("demand store: %j is unknown, and a demand with that id round-trips", async (id) => {
    const store = new CosmosDemandStore(container("demands"));
    expect(await store.get(id)).toBeNull();
    const record = aDemandRecord({ id });
    expect(await store.create(record)).toBe(true);
    expect(await store.create(record)).toBe(false);
    const read = await store.get(id);
    expect(read?.record).toEqual(record);
    expect(await store.replace({ ...record, status: "in_review" }, read!.etag)).not.toBeNull();
  });

  it.each(UNSAFE_IDS)("customer directory: target %j is looked up, stored and found", async (value) => {
    const directory = new CosmosCustomerDirectory(container("tenants"), container("accounts"));
    const tenant = aTenant({ id: `t${value}` });
    await directory.upsertTenant(tenant);
    expect((await directory.getTenants([tenant.id])).get(tenant.id)).toEqual(tenant);
    expect(await directory.findAccounts([{ type: "username", value }])).toEqual([null]);
    const account = { ...anAccount({ tenantId: tenant.id }), identifierType: "username" as const, identifierValue: value, id: identifierKey("username", value) };
    await directory.upsertAccount(account);
    expect(await directory.findAccounts([{ type: "username", value }])).toEqual([account]);
  });

  it.each(UNSAFE_IDS.filter((id) => id.length <= 128))("used tokens, effects, audit and transparency markers take %j", async (id) => {
    const tokens = new CosmosUsedTokenStore(container("usedReviewTokens"));
    expect(await tokens.isUsed(id)).toBe(false);
    expect(await tokens.markUsed(id)).toBe(true);
    expect(await tokens.isUsed(id)).toBe(true);
    await tokens.release(id);
    expect(await tokens.isUsed(id)).toBe(false);
    const ledger = new CosmosEffectLedger(container("effects"));
    let runs = 0;
    await ledger.once(id, async () => ++runs);
    expect(await ledger.once(id, async () => ++runs)).toBe(1);
    const audit = new CosmosAuditLog(container("audit"));
    await audit.append(id, { at: "2026-11-21T12:00:00.000Z", actor: "system", step: "received" });
    expect(await audit.list(id)).toHaveLength(1);
    const transparency = new CosmosTransparencyStore(container("transparency"));
    const facts = {
      demandId: id,
      period: "2026-H2",
      country: "US",
      requesterKind: "law_enforcement",
      nationalSecurity: false,
      outcome: "rejected",
      enterprise: false,
      accountsSpecified: 1,
      secrecyOrder: false,
      emergency: false,
      contentOutsideRequesterCountry: false,
    } as const;
    expect((await transparency.claimMarker({ demandId: id, state: "pending", facts })).created).toBe(true);
    expect((await transparency.claimMarker({ demandId: id, state: "pending", facts })).created).toBe(false);
    await transparency.completeMarker(id);
    expect((await transparency.listMarkers()).find((m) => m.demandId === id)?.state).toBe("done");
  });
});
