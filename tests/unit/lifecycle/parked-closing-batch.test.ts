import { describe, expect, it } from "vitest";
import { type Command, type DeciderEvent, type SecrecyEntryView } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R9/R11/R12: the batch that closes a demand carries its last effects: the delayed notice on the order's end, or the
 * outcome (counted), the requester's letter and the close. When that batch keeps failing, the demand must park for an
 * operator like any other failed step, and the resume must run it again; a closed lifecycle must not drop it.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const intakeOrder: SecrecyEntryView = { index: 0, reference: "SO-1", expiresOn: "2026-12-20", lifted: false, atIntake: true };
const ORDER_ENDS = Date.parse("2026-12-21T12:00:00.000Z");

const delayedNotices = (commands: Command[]) => commands.filter((c) => c.type === "send_customer_notice" && c.delayed);

describe("R9: the delayed notice's batch kept failing on the day the order ended", () => {
  function failedAtOrderEnd() {
    const run = new DeciderRun(TEST_SETTINGS);
    const feed = (event: DeciderEvent) => run.feed(event);
    feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ reviewersRequired: 1 }, { secrecyOrders: [intakeOrder] }) });
    feed({ type: "review_decision", at: iso(START + 1000), decision: { round: "review-1", kind: "approval", reviewer: "ana@p.example", action: "approve" } });
    feed({ type: "disclosed", at: iso(START + 2000), result: { itemCount: 3, contentDisclosed: true, nonContentDisclosed: false } });
    feed({ type: "tick", at: iso(ORDER_ENDS - 14 * DAY) });
    const ended = feed({ type: "tick", at: iso(ORDER_ENDS) });
    expect(delayedNotices(ended)).toHaveLength(1);
    expect(ended.some((c) => c.type === "close")).toBe(true);
    const parking = feed({ type: "effects_failed", at: iso(ORDER_ENDS + 60_000), code: "directory-changed", commands: ended.filter((c) => c.type !== "schedule_wake") });
    return { run, feed, parking };
  }

  it("R9: the demand parks for an operator instead of ending with the notice unsent", () => {
    const { run, parking } = failedAtOrderEnd();
    expect(run.state.parked, "parked").not.toBeNull();
    expect(parking.some((c) => c.type === "alert_operator"), "the operators are told").toBe(true);
    expect(parking.some((c) => c.type === "record" && c.status === "needs_operator")).toBe(true);
  });

  it("R9: the resume sends the delayed notice and closes the demand; nothing else happens while it is parked", () => {
    const { run, feed } = failedAtOrderEnd();
    expect(feed({ type: "customer_objection", at: iso(ORDER_ENDS + DAY) })).toEqual([]);
    const onResume = feed({ type: "operator_resumed", at: iso(ORDER_ENDS + 2 * DAY), operator: "ops" });
    expect(delayedNotices(onResume)).toHaveLength(1);
    expect(onResume.some((c) => c.type === "close")).toBe(true);
    expect(run.state.parked).toBeNull();
    expect(run.state.closed).toBe(true);
    expect(feed({ type: "operator_resumed", at: iso(ORDER_ENDS + 3 * DAY), operator: "ops" }), "a closed demand does nothing more").toEqual([]);
  });
});

describe("R11: the batch that concludes and closes a rejected demand kept failing", () => {
  it("R11: the demand parks, and the resume counts the outcome, tells the requester and closes it", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    const feed = (event: DeciderEvent) => run.feed(event);
    feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ reviewersRequired: 1 }) });
    const rejected = feed({ type: "review_decision", at: iso(START + 1000), decision: { round: "review-1", kind: "approval", reviewer: "ana@p.example", action: "reject", reason: "overly_broad" } });
    expect(run.state.closed).toBe(true);
    feed({ type: "effects_failed", at: iso(START + 60_000), code: "smtp-unavailable", commands: rejected });
    expect(run.state.parked).not.toBeNull();
    const onResume = feed({ type: "operator_resumed", at: iso(START + DAY), operator: "ops" });
    expect(onResume.filter((c) => c.type === "conclude" || c.type === "notify_requester" || c.type === "close").map((c) => c.type)).toEqual(["conclude", "notify_requester", "close"]);
  });
});
