import { describe, expect, it } from "vitest";
import { makeWithdrawDemandHandler } from "../../../functions/handlers/withdraw-demand-handler";
import { setRequesterStatus } from "../../../shared/use-cases/manage-requesters";
import { aDemandRecord } from "../../support/builders";
import { aContext, aRequest, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

/**
 * R4: withdrawing only reduces what is disclosed, so a requester whose portal access is suspended (pending re-vetting,
 * say) may still withdraw its own demand; a revoked requester's credential opens nothing (it may be compromised).
 */
async function setup(status: "suspended" | "revoked") {
  const fixture = await makeIntakeFixture();
  const record = aDemandRecord({ requesterId: fixture.requesterId, status: "in_review" });
  await fixture.demands.create(record);
  await setRequesterStatus(fixture.requesters, fixture.requesterId, status, new Date());
  const handler = makeWithdrawDemandHandler(async () => fixture.deps);
  const withdraw = () => handler(aRequest({ method: "POST", headers: { authorization: `Bearer ${fixture.credential}` }, params: { id: record.id } }), aContext());
  return { ...fixture, record, withdraw };
}

describe("R4: a suspended requester withdraws its own demand", () => {
  it("R4: is accepted, passed to the lifecycle and audited as a suspended requester's withdrawal", async () => {
    const { withdraw, lifecycle, audit, record, requesterId } = await setup("suspended");
    const response = await withdraw();
    expect(response.status).toBe(202);
    expect(jsonOf(response).id).toBe(record.id);
    expect(lifecycle.events).toEqual([{ demandId: record.id, name: "RequesterAction", payload: { action: "withdraw" } }]);
    expect(await audit.list(record.id)).toEqual([
      expect.objectContaining({ step: "withdrawal_requested", actor: `requester:${requesterId}`, detail: expect.stringContaining("suspended") }),
    ]);
  });

  it("R4: a revoked requester is still refused (403) and nothing is passed on", async () => {
    const { withdraw, lifecycle } = await setup("revoked");
    const response = await withdraw();
    expect(response.status).toBe(403);
    expect(jsonOf(response).type).toMatch(/requester-revoked$/);
    expect(lifecycle.events).toEqual([]);
  });
});
