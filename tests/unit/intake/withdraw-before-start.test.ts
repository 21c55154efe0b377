import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { makeSecrecyOrderHandler } from "../../../functions/handlers/secrecy-order-handler";
import { makeWithdrawDemandHandler } from "../../../functions/handlers/withdraw-demand-handler";
import { minimalPdf } from "../../../scripts/minimal-pdf";
import { aSubmission } from "../../support/builders";
import { aContext, aJsonPost, aRequest, jsonOf } from "../../support/http";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";
import { makeIntakeFixture } from "./intake-fixture";

/**
 * R4/R12: intake that stored a demand but could not start its lifecycle answers 500; the scheduled scan starts it at
 * least five minutes later, after completing the chain's receipt and verdict. A requester who withdraws it meanwhile
 * (status still 'received') must be honoured, not answered 500 because the lifecycle the event is for does not exist.
 */

async function unstartedDemand() {
  const fixture = await makeIntakeFixture();
  fixture.lifecycle.refuseUnstarted = true;
  const auth = { authorization: `Bearer ${fixture.credential}` };
  // Intake stores the demand and writes its receipt and verdict, then the durable client is unavailable.
  const ensureStarted = fixture.lifecycle.ensureStarted.bind(fixture.lifecycle);
  fixture.lifecycle.ensureStarted = async () => {
    throw new Error("durable task hub unavailable");
  };
  const submitted = await makeSubmitDemandHandler(async () => fixture.deps)(aJsonPost(aSubmission(), { ...auth, "idempotency-key": "withdraw-unstarted-1" }), aContext());
  expect(submitted.status).toBe(500);
  fixture.lifecycle.ensureStarted = ensureStarted;
  const [id] = [...(await fixture.demands.listUnstarted("9999-12-31T00:00:00.000Z", 10))];
  expect(fixture.lifecycle.started.has(id!)).toBe(false);
  const withdraw = () => makeWithdrawDemandHandler(async () => fixture.deps)(aRequest({ method: "POST", headers: auth, params: { id: id! } }), aContext());
  const fileOrder = () =>
    makeSecrecyOrderHandler(async () => fixture.deps)(
      aRequest({
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        params: { id: id! },
        body: JSON.stringify({
          action: "add",
          order: { reference: "SO-EARLY-1", issuingCourt: "Superior Court", issuedOn: "2026-11-20", expiresOn: "2027-05-20" },
          document: { filename: "order.pdf", contentBase64: minimalPdf("order").toString("base64") },
        }),
      }),
      aContext(),
    );
  return { ...fixture, id: id!, withdraw, fileOrder };
}

describe("R4: a withdrawal before the demand's lifecycle has started", () => {
  it("R4: is answered 202 and reaches the lifecycle, which is started first (status received, intake's start failed)", async () => {
    const { id, withdraw, lifecycle, demands } = await unstartedDemand();
    const answer = await withdraw();
    expect(answer.status).toBe(202);
    expect(lifecycle.started.has(id)).toBe(true);
    expect(lifecycle.events).toEqual([{ demandId: id, name: "RequesterAction", payload: { action: "withdraw" } }]);
    expect((jsonOf(answer).timeline as { step: string }[]).map((t) => t.step)).toContain("withdrawal requested");
    expect((await demands.get(id))!.record.timeline.map((t) => t.step)).toContain("withdrawal requested");
  });

  it("R12: the chain's receipt and verdict are written before the lifecycle is started, even when intake's own audit failed", async () => {
    const { id, withdraw, lifecycle, deps } = await unstartedDemand();
    // As if intake had failed before its audit entries too: the chain is empty.
    const audit = new MemoryAuditLog();
    deps.audit = audit;
    let chainAtStart: string[] | null = null;
    const ensureStarted = lifecycle.ensureStarted.bind(lifecycle);
    lifecycle.ensureStarted = async (demandId: string) => {
      chainAtStart = audit.steps(demandId);
      return ensureStarted(demandId);
    };
    expect((await withdraw()).status).toBe(202);
    expect(chainAtStart).toEqual(["received", "validated"]);
    expect(lifecycle.events.map((e) => e.demandId)).toEqual([id]);
  });

  it("R4: a second withdrawal (a retry) is answered 202 too", async () => {
    const { withdraw } = await unstartedDemand();
    expect((await withdraw()).status).toBe(202);
    expect((await withdraw()).status).toBe(202);
  });
});

describe("R5: a secrecy order filed before the demand's lifecycle has started", () => {
  it("R5: is answered 202 and reaches the lifecycle, started first with the chain's receipt and verdict ahead of the filing (R12)", async () => {
    const { id, fileOrder, lifecycle, deps } = await unstartedDemand();
    const audit = new MemoryAuditLog();
    deps.audit = audit;
    const answer = await fileOrder();
    expect(answer.status).toBe(202);
    expect(lifecycle.started.has(id)).toBe(true);
    expect(lifecycle.events.map((e) => e.name)).toEqual(["SecrecyOrderChanged"]);
    expect(audit.steps(id)).toEqual(["received", "validated", "secrecy_order_filed"]);
  });
});
