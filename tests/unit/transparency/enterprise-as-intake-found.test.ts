import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { identifierKey } from "../../../shared/domain/tenant";
import { periodOf } from "../../../shared/transparency/period";
import { InMemoryTransparencyStore } from "../../../shared/transparency/in-memory-transparency-store";
import { TransparencyOutcomeCounter } from "../../../shared/transparency/transparency-outcome-counter";
import { aDemandRecord, aSubmission, aTenant, anAccount } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "../intake/intake-fixture";

/**
 * R11: enterprise vs consumer is what intake found, as the redirect (R4) was: a tenant re-classified in the directory
 * between the redirect and the demand's outcome (seats dropped, say) must not turn an enterprise demand 'redirected'
 * into a consumer one.
 */
const CEO = "ceo@contoso.example";

async function intakeOfEnterpriseDemand() {
  const fixture = await makeIntakeFixture();
  const tenant = aTenant({ name: "Contoso", kind: "organisation", seats: 400, commercialService: true });
  await fixture.directory.upsertTenant(tenant);
  await fixture.directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: CEO, holderEmail: CEO }));
  const response = await makeSubmitDemandHandler(async () => fixture.deps)(
    aJsonPost(aSubmission({ targets: [{ type: "email", value: CEO }] }), { authorization: `Bearer ${fixture.credential}`, "idempotency-key": "key-00000001" }),
    aContext(),
  );
  expect(response.status).toBe(202);
  const stored = (await fixture.demands.get(String(jsonOf(response).id)))!.record;
  expect(stored.plan?.redirect, "intake found an enterprise customer").toBe(true);
  return { ...fixture, tenant, stored };
}

describe("R11: enterprise or consumer as intake found it", () => {
  it("R11: a tenant re-classified as consumer between redirect and withdrawal still counts the demand as enterprise 'redirected'", async () => {
    const { directory, tenant, stored } = await intakeOfEnterpriseDemand();
    await directory.upsertTenant({ ...tenant, seats: 10, commercialService: false });
    const store = new InMemoryTransparencyStore();
    await new TransparencyOutcomeCounter(store, directory).countClosed({ ...stored, status: "closed", outcome: "redirected" });
    expect(await store.listCells(periodOf(stored.receivedAt))).toEqual([expect.objectContaining({ outcome: "redirected", enterprise: true, demands: 1 })]);
  });

  it("R11: a demand recorded before intake kept its classification is classified from the directory when counted, as before", async () => {
    const { directory, tenant } = await intakeOfEnterpriseDemand();
    const before = aDemandRecord({
      status: "closed",
      outcome: "redirected",
      receivedAt: "2026-02-01T00:00:00.000Z",
      owners: [{ identifier: identifierKey("email", CEO), accountId: "acct", tenantId: tenant.id }],
      body: { ...aDemandRecord().body, targets: [{ type: "email", value: CEO }] },
    });
    const store = new InMemoryTransparencyStore();
    await new TransparencyOutcomeCounter(store, directory).countClosed(before);
    expect(await store.listCells("2026-H1")).toEqual([expect.objectContaining({ outcome: "redirected", enterprise: true })]);
  });
});

