import { describe, expect, it } from "vitest";
import { makeCustomerObjectionHandler } from "../../../functions/handlers/customer-objection-handler";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, RecordingLifecycle } from "../../support/fakes";
import { aContext, aJsonPost } from "../../support/http";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R5: notify → objection window → collect. A demand parked by a failing step during its objection window (status
 * needs_operator) keeps its window: the lifecycle holds events that arrive while parked and applies them when an
 * operator resumes it, before the deadlines that passed meanwhile. A customer's timely objection must therefore be
 * accepted then, not refused, or the resume after the window's end releases the data over it.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe("R5: a customer's objection while the demand is parked in its objection window", () => {
  it("R5: staff can record it (status needs_operator)", async () => {
    const demands = new InMemoryDemandStore();
    const lifecycle = new RecordingLifecycle();
    const record = aDemandRecord({ status: "needs_operator" });
    await demands.create(record);
    const request = aJsonPost({ summary: "Pat objects and is seeking a protective order." });
    Object.assign(request.params, { id: record.id });
    const response = await makeCustomerObjectionHandler(async () => ({ demands, lifecycle, now: () => TEST_NOW }))(request, aContext());
    expect(response.status).toBe(202);
    expect((await demands.get(record.id))!.record.customerObjections).toHaveLength(1);
    expect(lifecycle.events.map((e) => e.name)).toEqual(["CustomerObjection"]);
  });

  it("R5: the lifecycle applies it on resume, before the window's end that passed meanwhile: reviewers look again, nothing is collected", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ reviewersRequired: 1 }) });
    run.feed({ type: "review_decision", at: iso(START + 1000), decision: { round: run.state.round!.name, kind: "approval", reviewer: "ana@p.example", action: "approve" } });
    expect(run.state.phase).toBe("objection");
    run.feed({ type: "effects_failed", at: iso(START + 2 * DAY), code: "smtp-unavailable", commands: [] });
    run.feed({ type: "customer_objection", at: iso(START + 3 * DAY) });
    const onResume = run.feed({ type: "operator_resumed", at: iso(START + 12 * DAY), operator: "ops" });
    expect(onResume.some((c) => c.type === "disclose")).toBe(false);
    expect(run.state.round?.kind).toBe("approval");
  });
});
