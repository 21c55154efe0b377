import { describe, expect, it } from "vitest";
import { makeReimbursementHandler } from "../../../functions/handlers/reimbursement-handler";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import { aDemandBody, aDemandRecord } from "../../support/builders";
import { InMemoryDemandStore } from "../../support/fakes";
import { aContext, aRequest, jsonOf } from "../../support/http";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";
import { initialState, transition, type DeciderEvent } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, anOrder } from "../../support/lifecycle-demands";

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

describe("R13: no reimbursement for a demand that disclosed nothing, while a delayed notice is still owed", () => {
  it("the lifecycle leaves a redirected demand under a secrecy order 'awaiting_secrecy_expiry' with nothing disclosed", () => {
    // An enterprise demand with a secrecy order from intake: the redirect owes a delayed notice, then the requester withdraws.
    let state = initialState("dmd-test", TEST_SETTINGS);
    const at = (minutes: number) => new Date(Date.parse("2026-11-21T12:00:00.000Z") + minutes * 60_000).toISOString();
    const steps: DeciderEvent[] = [
      { type: "started", at: at(0), demand: aLifecycleDemand({ redirect: true }, { secrecyOrders: [anOrder(0, { expiresOn: "2027-05-20" })] }) },
      { type: "withdrawn", at: at(10) },
    ];
    const commands = steps.flatMap((event) => {
      const next = transition(state, event);
      state = next.state;
      return next.commands;
    });
    expect(state.outcome).toBe("redirected");
    expect(state.released).toBe(false);
    const statuses = commands.flatMap((c) => (c.type === "record" && c.status !== undefined ? [c.status] : []));
    expect(statuses.at(-1)).toBe("awaiting_secrecy_expiry");
  });

  it.each<[string, DemandRecord]>([
    ["a redirected demand", aDemandRecord({ status: "awaiting_secrecy_expiry", outcome: "redirected" })],
    ["a rejected demand", aDemandRecord({ status: "awaiting_secrecy_expiry", outcome: "rejected" })],
    ["a withdrawn demand", aDemandRecord({ status: "awaiting_secrecy_expiry", outcome: "withdrawn" })],
  ])("refuses %s whose status is awaiting_secrecy_expiry (409), changing nothing", async (_name, record) => {
    const { post, demands, audit } = await setup(record);
    const response = await post(CLAIM);
    expect(response.status).toBe(409);
    expect(String(jsonOf(response).type)).toMatch(/invalid-state$/);
    expect((await demands.get(record.id))?.record.reimbursement).toBeUndefined();
    expect(await audit.list(record.id)).toEqual([]);
  });
});

describe("R13/R12: a claim whose audit entry was cut short", () => {
  it("R13: sending the claim again completes its audit entry, once, instead of leaving a recorded claim unaudited", async () => {
    const record = disclosed();
    const { post, demands, audit } = await setup(record);
    const append = audit.append.bind(audit);
    let failures = 1;
    audit.append = async (...args) => {
      if (failures-- > 0) throw new Error("audit store unavailable");
      return append(...args);
    };
    expect((await post(CLAIM)).status).toBe(500);
    expect((await demands.get(record.id))?.record.reimbursement?.amount).toBe("125.50");
    expect(await audit.list(record.id)).toEqual([]);

    // The claim is already recorded, so the retry is refused as before, but the claim it recorded is audited now.
    expect((await post(CLAIM)).status).toBe(409);
    expect((await post({ ...CLAIM, amount: "999" })).status).toBe(409);
    const entries = await audit.list(record.id);
    expect(entries.map((e) => [e.step, e.at, e.detail])).toEqual([["reimbursement_recorded", "2026-12-01T09:00:00.000Z", "claim of 125.50 USD"]]);
  });

  it("R12: a claim audited on a later retry is timed when written, so that day's checkpoint covers it, and names when the claim was recorded", async () => {
    const record = disclosed();
    const demands = new InMemoryDemandStore();
    const audit = new MemoryAuditLog();
    await demands.create(record);
    let now = new Date("2026-12-01T09:00:00.000Z");
    const handler = makeReimbursementHandler(async () => ({ demands, audit, now: () => now }));
    const post = () => handler(aRequest({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(CLAIM), params: { id: record.id } }), aContext());
    const append = audit.append.bind(audit);
    let failures = 1;
    audit.append = async (...args) => {
      if (failures-- > 0) throw new Error("audit store unavailable");
      return append(...args);
    };
    expect((await post()).status).toBe(500);
    // 1 December's checkpoint was written meanwhile, without this chain; the retry comes two days later.
    now = new Date("2026-12-03T10:00:00.000Z");
    expect((await post()).status).toBe(409);
    const entries = await audit.list(record.id);
    expect(entries.map((e) => [e.step, e.at, e.detail])).toEqual([["reimbursement_recorded", "2026-12-03T10:00:00.000Z", "claim of 125.50 USD, recorded 2026-12-01T09:00:00.000Z"]]);
  });
});
