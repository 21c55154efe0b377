import { describe, expect, it } from "vitest";
import { makeCannotRedirectHandler } from "../../../functions/handlers/cannot-redirect-handler";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission, aTenant, anAccount } from "../../support/builders";
import { aContext, aJsonPost, aRequest, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

/**
 * R4: intake answers a demand on an enterprise customer's account with redirect: true, status 'received'; the lifecycle
 * moves it to 'awaiting_redirect' only when its first step has run (or, when intake's start failed, minutes later when
 * the scan starts it). A requester that answers at once with its legal reason must be heard, not told 409 "not waiting
 * for a redirect answer", as a withdrawal sent then is.
 */
const REASON = "The customer's own administrator is a suspect in this investigation.";

async function redirectedDemand() {
  const fixture = await makeIntakeFixture();
  const tenant = aTenant({ name: "Fabrikam Ltd", kind: "organisation", seats: 500, commercialService: true, adminContacts: [{ name: "IT", email: "it@fabrikam.example" }] });
  await fixture.directory.upsertTenant(tenant);
  await fixture.directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "ceo@fabrikam.example", holderEmail: "ceo@fabrikam.example" }));
  const auth = { authorization: `Bearer ${fixture.credential}` };
  const submission = aSubmission({ targets: [{ type: "email", value: "ceo@fabrikam.example" }] });
  const submitted = jsonOf(await makeSubmitDemandHandler(async () => fixture.deps)(aJsonPost(submission, { ...auth, "idempotency-key": "redirect-0001" }), aContext()));
  const answer = () =>
    makeCannotRedirectHandler(async () => fixture.deps)(
      aRequest({ method: "POST", headers: { ...auth, "content-type": "application/json" }, params: { id: String(submitted.id) }, body: JSON.stringify({ reason: REASON }) }),
      aContext(),
    );
  return { ...fixture, submitted, id: String(submitted.id), answer };
}

describe("R4: a cannot-redirect answer before the lifecycle has moved the demand to awaiting_redirect", () => {
  it("R4: is accepted and passed to the lifecycle (intake said redirect, status still received)", async () => {
    const { submitted, id, answer, lifecycle, demands } = await redirectedDemand();
    expect(submitted).toMatchObject({ status: "received", redirect: true });
    const response = await answer();
    expect(response.status).toBe(202);
    expect(lifecycle.events).toEqual([{ demandId: id, name: "RequesterAction", payload: expect.objectContaining({ action: "cannot_redirect", reason: REASON }) }]);
    expect((await demands.get(id))!.record.cannotRedirectReason).toBe(REASON);
  });

  it("R4: starts the lifecycle first when intake could not (the event would reach no instance)", async () => {
    const { id, answer, lifecycle } = await redirectedDemand();
    lifecycle.started.delete(id);
    lifecycle.refuseUnstarted = true;
    expect((await answer()).status).toBe(202);
    expect(lifecycle.started.has(id)).toBe(true);
    expect(lifecycle.events).toHaveLength(1);
  });

  it("R4: is still refused for a demand that is not redirected", async () => {
    const fixture = await makeIntakeFixture();
    const auth = { authorization: `Bearer ${fixture.credential}` };
    const submitted = jsonOf(await makeSubmitDemandHandler(async () => fixture.deps)(aJsonPost(aSubmission(), { ...auth, "idempotency-key": "consumer-0001" }), aContext()));
    const response = await makeCannotRedirectHandler(async () => fixture.deps)(
      aRequest({ method: "POST", headers: { ...auth, "content-type": "application/json" }, params: { id: String(submitted.id) }, body: JSON.stringify({ reason: REASON }) }),
      aContext(),
    );
    expect(response.status).toBe(409);
    expect(fixture.lifecycle.events).toHaveLength(0);
  });
});
