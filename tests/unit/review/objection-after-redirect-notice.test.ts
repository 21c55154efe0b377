import { describe, expect, it } from "vitest";
import { makeCustomerObjectionHandler } from "../../../functions/handlers/customer-objection-handler";
import type { DemandStatus } from "../../../shared/domain/enums";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, RecordingLifecycle } from "../../support/fakes";
import { aContext, aJsonPost } from "../../support/http";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R4/R5: an enterprise customer gets its notice when the redirect goes out, and the notice invites it to object within
 * the objection window ("we consider every objection before disclosing anything"). Its objection, received while the
 * requester has yet to answer or while reviewers weigh the demand, must reach the reviewers (the review page lists the
 * recorded objections), not be refused until an approval opens the window.
 */

async function object(status: DemandStatus) {
  const demands = new InMemoryDemandStore();
  const lifecycle = new RecordingLifecycle();
  const record = aDemandRecord({ status });
  await demands.create(record);
  const request = aJsonPost({ summary: "Fabrikam objects: the order is overbroad and we will seek to quash it." });
  Object.assign(request.params, { id: record.id });
  const response = await makeCustomerObjectionHandler(async () => ({ demands, lifecycle, now: () => TEST_NOW }))(request, aContext());
  return { response, stored: (await demands.get(record.id))!.record, events: lifecycle.events };
}

describe("R5: a customer's objection after the notice sent with a redirect, before any approval", () => {
  it.each<DemandStatus>(["awaiting_redirect", "in_review"])("R5: status %s: the objection is recorded for the reviewers and passed to the lifecycle", async (status) => {
    const { response, stored, events } = await object(status);
    expect(response.status).toBe(202);
    expect(stored.customerObjections?.map((o) => o.summary)).toEqual(["Fabrikam objects: the order is overbroad and we will seek to quash it."]);
    expect(events.map((e) => e.name)).toEqual(["CustomerObjection"]);
  });

  it.each<DemandStatus>(["collecting", "delivered", "closed"])("R5: status %s: too late, refused and nothing recorded", async (status) => {
    const { response, stored, events } = await object(status);
    expect(response.status).toBe(409);
    expect(stored.customerObjections).toBeUndefined();
    expect(events).toEqual([]);
  });
});

describe("R5: the lifecycle on an objection received before any approval", () => {
  it("R5: while the redirect awaits the requester's answer it is recorded for the reviewers, not as too late", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: "2026-11-21T12:00:00.000Z", demand: aLifecycleDemand({ redirect: true, reviewersRequired: 1 }) });
    const commands = run.feed({ type: "customer_objection", at: "2026-11-22T12:00:00.000Z" });
    const recorded = commands.find((c) => c.type === "record" && c.step === "customer objection recorded");
    expect(recorded && "detail" in recorded ? recorded.detail : "").toMatch(/reviewers weigh it/);
    expect(run.state.phase).toBe("redirect");
  });
});
