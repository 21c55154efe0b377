import { describe, expect, it } from "vitest";
import { COSMOS_CONTAINERS } from "../../shared/adapters/cosmos/cosmos-containers";
import { CosmosCustomerDirectory } from "../../shared/adapters/cosmos/cosmos-customer-directory";
import { classifyTargets } from "../../shared/domain/classify-targets";
import { DEMO_ACCOUNTS, seedDemoDirectory } from "../../scripts/demo-directory";
import { openTestDatabase } from "../support/test-stores";

describe("the seeded demo directory", () => {
  it("loads twice without error and classifies enterprise, small business, consumer and de-linked targets", async () => {
    const database = await openTestDatabase();
    const directory = new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id));
    await seedDemoDirectory(directory);
    await seedDemoDirectory(directory);
    const targets = [
      { type: "email" as const, value: "ceo@fabrikam.example" },
      { type: "email" as const, value: "owner@northwind.example" },
      { type: "email" as const, value: "pat@outlook.example" },
      { type: "username" as const, value: "share-7f3a9c" },
      { type: "email" as const, value: "stranger@nowhere.example" },
    ];
    const accounts = await directory.findAccounts(targets);
    const tenants = await directory.getTenants(accounts.flatMap((a) => (a ? [a.tenantId] : [])));
    const classified = classifyTargets(targets, accounts, tenants);
    expect(classified.map((t) => [t.found, t.enterprise, t.delinked, t.dataCountry ?? null])).toEqual([
      [true, true, false, "DE"],
      [true, false, false, "US"],
      [true, false, false, "US"],
      [true, false, true, "US"],
      [false, false, false, null],
    ]);
    expect(DEMO_ACCOUNTS.length).toBeGreaterThan(5);
  });
});
