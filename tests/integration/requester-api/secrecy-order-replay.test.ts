import { beforeAll, describe, expect, it } from "vitest";
import { vetAnAgency } from "../../support/intake-stack";
import { BlobDocumentStore } from "../../../shared/adapters/blob/blob-document-store";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosAuditLog } from "../../../shared/adapters/cosmos/cosmos-audit-log";
import { CosmosDemandStore } from "../../../shared/adapters/cosmos/cosmos-demand-store";
import { CosmosRequesterRegistry } from "../../../shared/adapters/cosmos/cosmos-requester-registry";
import { makeSecrecyOrderHandler } from "../../../functions/handlers/secrecy-order-handler";
import { aDemandRecord, samplePdf } from "../../support/builders";
import { aContext, aJsonPost } from "../../support/http";
import { RecordingLifecycle } from "../../support/fakes";
import { openTestContainer, openTestDatabase } from "../../support/test-stores";

// A requester files a secrecy order (R5, R9) and its client retries the POST: after a timeout, a dropped connection,
// or a 500 because the lifecycle could not be told. The retry must not file the order a second time (a second entry,
// a second audit entry, and reviewers asked to confirm the same order twice), and it must reach the lifecycle.
let handler: ReturnType<typeof makeSecrecyOrderHandler>;
let demands: CosmosDemandStore;
let audit: CosmosAuditLog;
const lifecycle = new RecordingLifecycle();
let requesterId = "";
let credential = "";

beforeAll(async () => {
  const database = await openTestDatabase();
  const requesters = new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id));
  demands = new CosmosDemandStore(database.container(COSMOS_CONTAINERS.demands.id));
  audit = new CosmosAuditLog(database.container(COSMOS_CONTAINERS.audit.id));
  const documents = new BlobDocumentStore(await openTestContainer("documents"));
  const deps = { requesters, demands, audit, documents, lifecycle, now: () => new Date("2026-11-21T12:00:00.000Z"), maxBodyBytes: 1024 * 1024 };
  handler = makeSecrecyOrderHandler(async () => deps);
  ({ requesterId, credential } = await vetAnAgency(requesters));
});

const filing = {
  action: "add",
  order: { reference: "NDO-2026-0117", issuingCourt: "Superior Court of Example County", issuedOn: "2026-11-20", expiresOn: "2027-05-20" },
  document: { filename: "ndo.pdf", contentBase64: samplePdf.toString("base64") },
};

async function openDemand(): Promise<string> {
  const record = aDemandRecord({ requesterId, status: "in_review" });
  expect(await demands.create(record)).toBe(true);
  return record.id;
}

function file(id: string) {
  const request = aJsonPost(filing, { authorization: `Bearer ${credential}` });
  Object.assign(request.params, { id });
  return handler(request, aContext());
}

async function filed(id: string) {
  const record = (await demands.get(id))!.record;
  return {
    orders: record.secrecyOrders.length,
    timeline: record.timeline.filter((t) => t.step === "secrecy order filed").length,
    audit: (await audit.list(id)).filter((e) => e.step === "secrecy_order_filed").length,
  };
}

describe("a secrecy-order filing sent again", () => {
  it("the same filing twice (a client retry) files the order once", async () => {
    const id = await openDemand();
    expect((await file(id)).status).toBe(202);
    expect((await file(id)).status).toBe(202);
    expect(await filed(id)).toEqual({ orders: 1, timeline: 1, audit: 1 });
  });

  it("the same filing twice at once files the order once", async () => {
    const id = await openDemand();
    const responses = await Promise.all([file(id), file(id)]);
    expect(responses.map((r) => r.status)).toEqual([202, 202]);
    expect(await filed(id)).toEqual({ orders: 1, timeline: 1, audit: 1 });
  });

  it("a retry after the lifecycle could not be told files it once and tells the lifecycle", async () => {
    const id = await openDemand();
    lifecycle.refusing.add(id);
    expect((await file(id)).status).toBe(500);
    lifecycle.refusing.delete(id);
    expect((await file(id)).status).toBe(202);
    expect(await filed(id)).toEqual({ orders: 1, timeline: 1, audit: 1 });
    expect(lifecycle.events.filter((e) => e.demandId === id && e.name === "SecrecyOrderChanged")).toHaveLength(1);
  });
});

describe("R9: a filing sent again after another filing", () => {
  // A lifting names the order it lifts (R9); the new order re-imposes secrecy under that reference, which a lifting
  // filed again would end.
  const lifting = { ...filing, action: "lift", document: { filename: "lift.pdf", contentBase64: samplePdf.toString("base64") } };
  const fresh = { ...filing, order: { ...filing.order, expiresOn: "2027-09-30" } };
  const send = (id: string, body: unknown) => {
    const request = aJsonPost(body, { authorization: `Bearer ${credential}` });
    Object.assign(request.params, { id });
    return handler(request, aContext());
  };

  it("R9: a lifting retried after a new order was filed is not filed again (it would lift the new order)", async () => {
    const id = await openDemand();
    expect((await send(id, filing)).status).toBe(202);
    lifecycle.refusing.add(id);
    expect((await send(id, lifting)).status).toBe(500);
    lifecycle.refusing.delete(id);
    expect((await send(id, fresh)).status).toBe(202);
    expect((await send(id, lifting)).status).toBe(202);
    const record = (await demands.get(id))!.record;
    expect(record.secrecyOrders.map((o) => `${o.lifted ? "lift" : "add"} ${o.order.reference} ${o.order.expiresOn}`)).toEqual([
      "add NDO-2026-0117 2027-05-20",
      "lift NDO-2026-0117 2027-05-20",
      "add NDO-2026-0117 2027-09-30",
    ]);
    expect((await audit.list(id)).filter((e) => e.step === "secrecy_order_lifted")).toHaveLength(1);
  });
});
