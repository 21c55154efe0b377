import { describe, expect, it } from "vitest";
import { makeSecrecyOrderHandler } from "../../../functions/handlers/secrecy-order-handler";
import { minimalPdf } from "../../../scripts/minimal-pdf";
import { aDemandRecord } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

/**
 * R9: a lifting names the order it lifts by `order.reference` and ends only orders filed with that reference. One that
 * names no order on file would end nothing, so accepting it (202) would leave the requester believing the order lifted
 * while the customer's notice stays delayed: it is refused, naming the field.
 */
const order = { reference: "NDO-2026-0117", issuingCourt: "Superior Court", issuedOn: "2026-11-01", expiresOn: "2027-05-01" };
const pdf = { filename: "lift.pdf", contentBase64: minimalPdf("lift").toString("base64") };

async function setup() {
  const fixture = await makeIntakeFixture();
  const record = aDemandRecord({ requesterId: fixture.requesterId, status: "in_review", secrecyOrders: [{ order, addedAt: "2026-11-21T10:00:00.000Z", lifted: false }] });
  await fixture.demands.create(record);
  const handler = makeSecrecyOrderHandler(async () => fixture.deps);
  const lift = (reference: string) => {
    const request = aJsonPost({ action: "lift", order: { ...order, reference }, document: pdf }, { authorization: `Bearer ${fixture.credential}` });
    Object.assign(request.params, { id: record.id });
    return handler(request, aContext());
  };
  return { ...fixture, record, lift };
}

describe("R9: a lifting must name an order on file", () => {
  it("R9: a lifting whose order.reference matches no order on the demand is refused (400, naming order.reference); nothing is recorded or raised", async () => {
    const { lift, demands, lifecycle, audit, record } = await setup();
    const response = await lift("NDO-2026-0999");
    expect(response.status).toBe(400);
    expect(response.headers).toMatchObject({ "content-type": "application/problem+json" });
    const problem = jsonOf(response);
    expect(problem.errors).toEqual([expect.objectContaining({ path: "order.reference", message: expect.stringContaining("NDO-2026-0999") })]);
    expect((await demands.get(record.id))!.record.secrecyOrders).toHaveLength(1);
    expect(lifecycle.events).toEqual([]);
    expect(await audit.list(record.id)).toEqual([]);
  });

  it("R9: a lifting naming the order on file is accepted and recorded", async () => {
    const { lift, demands, lifecycle, record } = await setup();
    expect((await lift(order.reference)).status).toBe(202);
    expect((await demands.get(record.id))!.record.secrecyOrders.map((o) => o.lifted)).toEqual([false, true]);
    expect(lifecycle.events.map((e) => e.name)).toEqual(["SecrecyOrderChanged"]);
  });
});
