import { describe, expect, it } from "vitest";
import { makeRecordStepHandler } from "../../../activities/handlers/record-step";
import { initialState, transition, type Command, type LifecycleState } from "../../../shared/domain/lifecycle/decider";
import { toStatusView } from "../../../shared/use-cases/demand-status";
import { aDemandRecord } from "../../support/builders";
import { InMemoryDemandStore } from "../../support/fakes";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand } from "../../support/lifecycle-demands";
import { InMemoryAudit } from "./review-fixture";

// What reviewers write for each other: why notice would endanger someone (R9), how an emergency was verified (R10).
const ENDANGERMENT = "The holder's sister Jane Roe shares the address at 12 Elm St and is under a protection order";
const VERIFICATION = "Called back the desk on file; confirmed by Sgt. Amal Haddad";
const START = "2026-11-21T12:00:00.000Z";

/** Records the decider's steps on a stored demand as the record-step activity does; returns the requester's view. */
async function requesterViewAfter(commands: Command[]) {
  const record = aDemandRecord();
  const demands = new InMemoryDemandStore();
  await demands.create(record);
  const handler = makeRecordStepHandler(async () => ({ demands, audit: new InMemoryAudit() }));
  for (const command of commands) {
    if (command.type !== "record") continue;
    const { type: _type, ...step } = command;
    await handler({ ...step, demandId: record.id, at: START } as Parameters<typeof handler>[0]);
  }
  const stored = await demands.get(record.id);
  return toStatusView(stored!.record);
}

describe("R1/R5: what reviewers write for each other does not reach the requester's status", () => {
  it("an emergency approval's out-of-band verification note and a withheld delayed notice's reasons stay off GET /api/demands/{id}", async () => {
    const demand = aLifecycleDemand(
      { reviewersRequired: 1, emergency: { reviewDeadlineMinutes: 60 } },
      { secrecyOrders: [{ index: 0, reference: "SO-1", expiresOn: "2027-02-10", lifted: false, atIntake: true }] },
    );
    const commands: Command[] = [];
    let state: LifecycleState = initialState(demand.id, TEST_SETTINGS);
    const feed = (event: Parameters<typeof transition>[1]) => {
      const next = transition(state, event);
      state = next.state;
      commands.push(...next.commands);
    };
    feed({ type: "started", at: START, demand });
    feed({ type: "review_decision", at: START, decision: { round: "review-1", kind: "approval", reviewer: "ana@p.example", action: "approve", verification: VERIFICATION } });
    feed({ type: "disclosed", at: START, result: { itemCount: 2, contentDisclosed: true, nonContentDisclosed: true } });
    feed({ type: "tick", at: "2027-01-28T12:00:00.000Z" });
    feed({
      type: "review_decision",
      at: "2027-01-29T00:00:00.000Z",
      decision: { round: state.expiry!.round, kind: "secrecy_expiry", reviewer: "ben@p.example", action: "withhold", comment: ENDANGERMENT, withholdReason: "danger" },
    });
    const view = await requesterViewAfter(commands);
    const text = JSON.stringify(view);
    expect(text).not.toContain("Jane Roe");
    expect(text).not.toContain("Elm St");
    expect(text).not.toContain("Amal Haddad");
  });

  it("R7: a step that kept failing reaches the requester's status without its failure code (e.g. that the customer revoked its own key)", async () => {
    const demand = aLifecycleDemand({ reviewersRequired: 1 });
    const commands: Command[] = [];
    let state: LifecycleState = initialState(demand.id, TEST_SETTINGS);
    const feed = (event: Parameters<typeof transition>[1]) => {
      const next = transition(state, event);
      state = next.state;
      commands.push(...next.commands);
    };
    feed({ type: "started", at: START, demand });
    feed({ type: "effects_failed", at: START, code: "key-access-revoked", commands: [] });
    expect(commands.some((c) => c.type === "record" && c.step === "needs operator" && c.detail?.includes("key-access-revoked"))).toBe(true);
    const view = await requesterViewAfter(commands);
    expect(view.timeline.map((entry) => entry.step)).toContain("needs operator");
    expect(JSON.stringify(view)).not.toContain("key-access-revoked");
  });

  it("R5: a customer's objection, and that it made reviewers decide again, stay off the requester's status", async () => {
    // The objection is the customer's word to the provider (a civil litigant's counsel would read it as the other side's
    // move); the requester learns only that the review goes on.
    const demand = aLifecycleDemand({ reviewersRequired: 2 });
    const commands: Command[] = [];
    let state: LifecycleState = initialState(demand.id, TEST_SETTINGS);
    const feed = (event: Parameters<typeof transition>[1]) => {
      const next = transition(state, event);
      state = next.state;
      commands.push(...next.commands);
    };
    feed({ type: "started", at: START, demand });
    feed({ type: "review_decision", at: START, decision: { round: "review-1", kind: "approval", reviewer: "ana@p.example", action: "approve" } });
    feed({ type: "customer_objection", at: START });
    expect(commands.some((c) => c.type === "record" && c.step === "customer objection recorded")).toBe(true);
    const view = await requesterViewAfter(commands);
    expect(view.timeline.map((entry) => entry.step)).toContain("review round reopened");
    expect(JSON.stringify(view)).not.toMatch(/object/i);
  });
});
