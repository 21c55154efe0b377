import { describe, expect, it } from "vitest";
import { makeGetDemandHandler } from "../../../functions/handlers/get-demand-handler";
import { makeSecrecyOrderHandler } from "../../../functions/handlers/secrecy-order-handler";
import { minimalPdf } from "../../../scripts/minimal-pdf";
import { setRequesterStatus } from "../../../shared/use-cases/manage-requesters";
import { aDemandRecord } from "../../support/builders";
import { aContext, aJsonPost, aRequest, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

/**
 * A suspended requester (portal access paused, e.g. pending re-vetting) may still do what only helps the customer or
 * tells it where its own demands stand: lift its own secrecy order (the customer is told sooner, R9) and read its own
 * demand's status (e.g. that its withdrawal took effect, R4). It may not file a new order (that silences a customer).
 * A revoked requester's credential opens nothing: it may be compromised.
 */
const order = { reference: "NDO-2026-0117", issuingCourt: "Superior Court", issuedOn: "2026-11-01", expiresOn: "2027-05-01" };
const pdf = { filename: "lift.pdf", contentBase64: minimalPdf("lift").toString("base64") };

async function setup(status: "suspended" | "revoked") {
  const fixture = await makeIntakeFixture();
  const record = aDemandRecord({ requesterId: fixture.requesterId, status: "in_review", secrecyOrders: [{ order, addedAt: "2026-11-21T10:00:00.000Z", lifted: false }] });
  await fixture.demands.create(record);
  await setRequesterStatus(fixture.requesters, fixture.requesterId, status, new Date("2026-11-21T11:00:00.000Z"));
  const auth = { authorization: `Bearer ${fixture.credential}` };
  const file = (action: "add" | "lift") => {
    const request = aJsonPost({ action, order: action === "lift" ? order : { ...order, reference: "NDO-2026-0200" }, document: pdf }, auth);
    Object.assign(request.params, { id: record.id });
    return makeSecrecyOrderHandler(async () => fixture.deps)(request, aContext());
  };
  const read = () => makeGetDemandHandler(async () => fixture.deps)(aRequest({ headers: auth, params: { id: record.id } }), aContext());
  return { ...fixture, record, file, read };
}

describe("R9: a suspended requester lifts its own secrecy order", () => {
  it("R9: the lifting is accepted, passed to the lifecycle and audited as filed while suspended", async () => {
    const { file, demands, lifecycle, audit, record, requesterId } = await setup("suspended");
    expect((await file("lift")).status).toBe(202);
    expect((await demands.get(record.id))!.record.secrecyOrders.map((o) => o.lifted)).toEqual([false, true]);
    expect(lifecycle.events.map((e) => e.name)).toEqual(["SecrecyOrderChanged"]);
    expect(await audit.list(record.id)).toEqual([
      expect.objectContaining({ step: "secrecy_order_lifted", actor: `requester:${requesterId}`, detail: expect.stringContaining("suspended") }),
    ]);
  });

  it("R9: a new order from a suspended requester is still refused (403) and nothing is recorded", async () => {
    const { file, demands, lifecycle, record } = await setup("suspended");
    const response = await file("add");
    expect(response.status).toBe(403);
    expect(jsonOf(response).type).toMatch(/requester-suspended$/);
    expect((await demands.get(record.id))!.record.secrecyOrders).toHaveLength(1);
    expect(lifecycle.events).toEqual([]);
  });

  it("R9: a revoked requester cannot lift (403)", async () => {
    const { file, lifecycle } = await setup("revoked");
    const response = await file("lift");
    expect(response.status).toBe(403);
    expect(jsonOf(response).type).toMatch(/requester-revoked$/);
    expect(lifecycle.events).toEqual([]);
  });
});

describe("R4: a suspended requester reads its own demand's status", () => {
  it("R4: the status is answered, and the reads while suspended are audited once per demand", async () => {
    const { read, audit, record, requesterId } = await setup("suspended");
    const first = await read();
    expect(first.status).toBe(200);
    expect(jsonOf(first).id).toBe(record.id);
    expect((await read()).status).toBe(200);
    const reads = (await audit.list(record.id)).filter((e) => e.actor === `requester:${requesterId}`);
    expect(reads).toEqual([expect.objectContaining({ step: "status_read_while_suspended", detail: expect.stringContaining("suspended") })]);
  });

  it("R12: a read of a demand whose lifecycle intake could not start puts the chain's receipt first", async () => {
    const { read, audit, demands, record } = await setup("suspended");
    const found = (await demands.get(record.id))!;
    await demands.replace({ ...found.record, status: "received" }, found.etag);
    expect((await read()).status).toBe(200);
    expect((await audit.list(record.id)).map((e) => e.step)).toEqual(["received", "status_read_while_suspended"]);
  });

  it("R4: a revoked requester cannot read it (403)", async () => {
    const { read } = await setup("revoked");
    const response = await read();
    expect(response.status).toBe(403);
    expect(jsonOf(response).type).toMatch(/requester-revoked$/);
  });
});
