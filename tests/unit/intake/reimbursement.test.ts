import { describe, expect, it } from "vitest";
import { makeReimbursementHandler } from "../../../functions/handlers/reimbursement-handler";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import { aDemandBody, aDemandRecord } from "../../support/builders";
import { InMemoryDemandStore } from "../../support/fakes";
import { aContext, aRequest, jsonOf } from "../../support/http";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";

const CLAIM = { amount: "125.50", currency: "USD", note: "Engineer time for the search warrant, 2.5 hours." };
const emergencyBody = () => {
  const body = aDemandBody({ categories: ["subscriber_info"] });
  body.legalProcess.kind = "emergency_request";
  return body;
};

async function setup(record: DemandRecord) {
  const demands = new InMemoryDemandStore();
  const audit = new MemoryAuditLog();
  await demands.create(record);
  const handler = makeReimbursementHandler(async () => ({ demands, audit, now: () => new Date("2026-12-01T09:00:00.000Z") }));
  const post = (body: unknown, id = record.id) =>
    handler(aRequest({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), params: { id } }), aContext());
  return { demands, audit, post };
}

const disclosed = (overrides: Partial<DemandRecord> = {}) => aDemandRecord({ status: "closed", outcome: "disclosed_content", ...overrides });

describe("POST /api/manage/demands/{id}/reimbursement (R13)", () => {
  it("records a claim for a compelled disclosure, once, and audits it without the note", async () => {
    const record = disclosed();
    const { post, demands, audit } = await setup(record);
    const response = await post(CLAIM);
    expect(response.status).toBe(201);
    expect(jsonOf(response).reimbursement).toEqual({ ...CLAIM, recordedAt: "2026-12-01T09:00:00.000Z" });
    expect((await demands.get(record.id))?.record.reimbursement?.amount).toBe("125.50");
    const entries = await audit.list(record.id);
    expect(entries.map((e) => [e.step, e.actor, e.detail])).toEqual([["reimbursement_recorded", "admin", "claim of 125.50 USD"]]);
    const again = await post(CLAIM);
    expect(again.status).toBe(409);
    expect(await audit.list(record.id)).toHaveLength(1);
  });

  it.each<[string, DemandRecord, number, string]>([
    ["an emergency", disclosed({ body: emergencyBody(), outcome: "disclosed_non_content" }), 422, "reimbursement-not-allowed"],
    ["a child-exploitation investigation", disclosed({ body: aDemandBody({ childExploitationInvestigation: true }) }), 422, "reimbursement-not-allowed"],
    ["a preservation request (nothing compelled)", disclosed({ body: { ...aDemandBody(), legalProcess: { ...aDemandBody().legalProcess, kind: "preservation_request" } } }), 422, "reimbursement-not-allowed"],
    ["a demand with nothing disclosed yet", aDemandRecord({ status: "in_review" }), 409, "invalid-state"],
    ["a rejected demand", aDemandRecord({ status: "closed", outcome: "rejected" }), 409, "invalid-state"],
  ])("refuses %s with a stable code, changing nothing", async (_name, record, status, code) => {
    const { post, demands, audit } = await setup(record);
    const response = await post(CLAIM);
    expect(response.status).toBe(status);
    expect(String(jsonOf(response).type)).toMatch(new RegExp(`${code}$`));
    expect((await demands.get(record.id))?.record.reimbursement).toBeUndefined();
    expect(await audit.list(record.id)).toEqual([]);
  });

  it.each([
    ["a float amount", { ...CLAIM, amount: 125.5 }, "amount"],
    ["three decimals", { ...CLAIM, amount: "1.234" }, "amount"],
    ["a lower-case currency", { ...CLAIM, currency: "usd" }, "currency"],
    ["no note", { amount: "1", currency: "EUR" }, "note"],
    ["an unknown field", { ...CLAIM, paidBy: "x" }, "(body)"],
  ])("answers 400 for %s, naming the field", async (_name, body, path) => {
    const { post } = await setup(disclosed());
    const response = await post(body);
    expect(response.status).toBe(400);
    expect((jsonOf(response).errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });

  it("answers 404 for an unknown demand", async () => {
    const { post } = await setup(disclosed());
    expect((await post(CLAIM, "dmd-unknown")).status).toBe(404);
  });
});
