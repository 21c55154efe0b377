import { describe, expect, it } from "vitest";
import type { DeciderEvent } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R8/R5: content needs two reviewers' approvals, each given with the evidence in view. A customer's objection (to the
 * notice sent with a redirect, say) that arrives after the first approval and before the second is evidence the first
 * reviewer never weighed; like a secrecy order filed mid-round, it re-opens the round.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const approve = (reviewer: string, round: string, at: number): DeciderEvent => ({ type: "review_decision", at: iso(at), decision: { round, kind: "approval", reviewer, action: "approve" } });

describe("R8: a customer's objection between the two approvals of a content round", () => {
  it("R8: re-opens the round, so the first approval given without it in view does not count towards the two", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ reviewersRequired: 2 }) });
    run.feed(approve("ana@p.example", "review-1", START + 60_000));
    const objected = run.feed({ type: "customer_objection", at: iso(START + 120_000) });
    expect(objected.some((c) => c.type === "request_review"), "reviewers are asked again").toBe(true);
    const second = run.feed(approve("ben@p.example", "review-1", START + 180_000));
    expect(second.some((c) => c.type === "send_customer_notice" || c.type === "disclose"), "one approval given with the objection in view is not two").toBe(false);
    expect(run.state.round?.name).toBe("review-2");
    run.feed(approve("ana@p.example", "review-2", START + 240_000));
    const both = run.feed(approve("ben@p.example", "review-2", START + 300_000));
    expect(both.some((c) => c.type === "send_customer_notice"), "two approvals with the objection in view go ahead").toBe(true);
  });

  it("R8: an objection before any approval leaves the round as it is (every reviewer will see it)", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ reviewersRequired: 2 }) });
    run.feed({ type: "customer_objection", at: iso(START + 60_000) });
    expect(run.state.round?.name).toBe("review-1");
  });
});
