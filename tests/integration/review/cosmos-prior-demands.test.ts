import { describe, expect, it } from "vitest";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosDemandStore } from "../../../shared/adapters/cosmos/cosmos-demand-store";
import { CosmosPriorDemands } from "../../../shared/adapters/cosmos/cosmos-prior-demands";
import { aDemandBody, aDemandRecord } from "../../support/builders";
import { openTestDatabase } from "../../support/test-stores";

describe("CosmosPriorDemands (Cosmos DB server)", () => {
  it("counts other demands naming any of the same identifiers, by outcome, and ignores the demand itself and other identifiers", async () => {
    const database = await openTestDatabase();
    const container = database.container(COSMOS_CONTAINERS.demands.id);
    const store = new CosmosDemandStore(container);
    const pat = { type: "email" as const, value: `pat-${Date.now()}@outlook.example` };
    const other = { type: "email" as const, value: `kim-${Date.now()}@outlook.example` };
    const current = aDemandRecord({ body: aDemandBody({ targets: [pat] }) });
    await store.create(current);
    await store.create(aDemandRecord({ body: aDemandBody({ targets: [other, pat] }), status: "closed", outcome: "rejected" }));
    await store.create(aDemandRecord({ body: aDemandBody({ targets: [pat] }), status: "closed", outcome: "disclosed_content" }));
    await store.create(aDemandRecord({ body: aDemandBody({ targets: [pat] }), status: "in_review" }));
    await store.create(aDemandRecord({ body: aDemandBody({ targets: [other] }), status: "closed", outcome: "rejected" }));
    await store.create(aDemandRecord({ body: aDemandBody({ targets: [{ type: "username", value: pat.value }] }), status: "closed", outcome: "rejected" }));

    const prior = await new CosmosPriorDemands(container).forTargets([pat], current.id);
    expect(prior).toEqual({ count: 3, outcomes: { rejected: 1, disclosed_content: 1, "open (in_review)": 1 } });
  });
});
