import { describe, expect, it } from "vitest";
import { InMemoryTransparencyStore } from "../../../shared/transparency/in-memory-transparency-store";
import { TransparencyOutcomeCounter } from "../../../shared/transparency/transparency-outcome-counter";
import { aDemandBody, aDemandRecord, aTenant, anAccount } from "../../support/builders";
import { InMemoryCustomerDirectory } from "../../support/fakes";

describe("R11: TransparencyOutcomeCounter", () => {
  it("classifies the targets in the directory and counts the closed demand once, even after the directory changed", async () => {
    const directory = new InMemoryCustomerDirectory();
    const tenant = aTenant({ kind: "organisation", seats: 400, commercialService: true, dataCountry: "IE" });
    await directory.upsertTenant(tenant);
    await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "ceo@contoso.example" }));
    const store = new InMemoryTransparencyStore();
    const counter = new TransparencyOutcomeCounter(store, directory);
    const record = aDemandRecord({
      status: "closed",
      outcome: "disclosed_content",
      receivedAt: "2026-02-01T00:00:00.000Z",
      body: aDemandBody({ targets: [{ type: "email", value: "CEO@contoso.example" }, { type: "email", value: "unknown@x.example" }] }),
    });
    await counter.countClosed(record);
    await directory.upsertTenant({ ...tenant, seats: 10, dataCountry: "US" });
    await counter.countClosed(record);
    expect(await store.listCells("2026-H1")).toEqual([
      expect.objectContaining({ country: "US", outcome: "disclosed_content", enterprise: true, contentOutsideRequesterCountry: true, demands: 1, accounts: 2 }),
    ]);
  });
});
