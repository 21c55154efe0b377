import { describe, expect, it } from "vitest";
import { withdrawDemand } from "../../../shared/use-cases/withdraw-demand";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";
import { InMemoryDemandStore, RecordingLifecycle } from "../../support/fakes";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R4: a withdrawal before anything is collected closes the demand (as redirected after a redirect). A demand parked by
 * a failing step (needs_operator) is still before collection when it was parked waiting for the requester or the
 * reviewers; the lifecycle holds a withdrawal that arrives then and applies it on resume (refusing it, with a record,
 * if collection had begun). Refusing it at the API lets the resumed demand go on to disclose what was withdrawn.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

describe("R4: a withdrawal while the demand is parked", () => {
  it("R4: the API passes it to the lifecycle (status needs_operator)", async () => {
    const demands = new InMemoryDemandStore();
    const lifecycle = new RecordingLifecycle();
    const record = aDemandRecord({ status: "needs_operator" });
    await demands.create(record);
    await withdrawDemand({ demands, lifecycle, audit: new MemoryAuditLog(), now: () => TEST_NOW }, record.requesterId, record.id);
    expect(lifecycle.events).toEqual([{ demandId: record.id, name: "RequesterAction", payload: { action: "withdraw" } }]);
  });

  it("R4: the lifecycle applies it on resume: a redirected demand closes as redirected, nothing is reviewed", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ redirect: true, reviewersRequired: 1 }) });
    run.feed({ type: "effects_failed", at: iso(START + 1000), code: "smtp-unavailable", commands: [] });
    run.feed({ type: "withdrawn", at: iso(START + 2000) });
    run.feed({ type: "operator_resumed", at: iso(START + 3000), operator: "ops" });
    expect(run.state.outcome).toBe("redirected");
  });
});
