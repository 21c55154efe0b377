import { describe, expect, it } from "vitest";
import { isoDurationMs } from "../../../shared/domain/iso-duration";
import { type Command, type DeciderEvent, type LifecycleState } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R5 / §2 "notify customer → objection window → collect": the customer's objection window runs from when the notice
 * actually goes out. When the batch carrying the prompt notice fails (the mail service is down) and the demand is parked,
 * the operator's resume sends the notice then; the customer must still get the whole window before collection.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const WINDOW = isoDurationMs(TEST_SETTINGS.objectionWindow);

function parkedOnNotice(parkedForDays: number): { onResume: Command[]; state: LifecycleState; resumedAt: number; feed: (e: DeciderEvent) => Command[] } {
  const run = new DeciderRun(TEST_SETTINGS);
  let now = START;
  const feed = (event: DeciderEvent) => run.feed(event);
  feed({ type: "started", at: iso(now), demand: aLifecycleDemand({ reviewersRequired: 1 }) });
  const approval = feed({ type: "review_decision", at: iso((now += 1000)), decision: { round: "review-1", kind: "approval", reviewer: "ana@p.example", action: "approve" } });
  expect(approval.some((c) => c.type === "send_customer_notice" && !c.delayed)).toBe(true);
  // The interpreter's applyEffects for that decision kept failing: every command of the batch is handed back.
  feed({ type: "effects_failed", at: iso((now += 60_000)), code: "smtp-unavailable", commands: approval });
  const resumedAt = (now += parkedForDays * DAY);
  const onResume = feed({ type: "operator_resumed", at: iso(resumedAt), operator: "ops" });
  return { onResume, get state() { return run.state; }, resumedAt, feed };
}

describe("R5: the objection window after a prompt notice that went out only on the operator's resume", () => {
  it.each([
    ["parked for 2 days (within the window)", 2],
    ["parked for 12 days (longer than the window)", 12],
    ["parked for 40 days", 40],
  ])("R5: %s: the resume sends the notice and does not collect before the whole window has run", (_name, days) => {
    const run = parkedOnNotice(days);
    expect(run.onResume.some((c) => c.type === "send_customer_notice" && !c.delayed), "the notice goes out on resume").toBe(true);
    expect(run.onResume.some((c) => c.type === "disclose"), "no collection in the same breath as the notice").toBe(false);
    const justBefore = run.feed({ type: "tick", at: iso(run.resumedAt + WINDOW - 1) });
    expect(justBefore.some((c) => c.type === "disclose"), "the customer has the whole window from the notice").toBe(false);
    const after = run.feed({ type: "tick", at: iso(run.resumedAt + WINDOW) });
    expect(after.some((c) => c.type === "disclose"), "collected once the window has run").toBe(true);
  });
});

describe("R5: the objection window after an approval that arrived while the demand was parked", () => {
  it.each([
    ["parked for 3 days", 3],
    ["parked for 12 days", 12],
  ])("R5: %s: the approval applied on resume sends the notice, and collection waits the whole window from then", (_name, days) => {
    const run = new DeciderRun(TEST_SETTINGS);
    let now = START;
    const feed = (event: DeciderEvent) => run.feed(event);
    feed({ type: "started", at: iso(now), demand: aLifecycleDemand({ reviewersRequired: 1 }) });
    // Asking the reviewers kept failing on a later step; the demand is parked, the reviewer still decides from the page.
    feed({ type: "effects_failed", at: iso((now += 60_000)), code: "smtp-unavailable", commands: [] });
    feed({ type: "review_decision", at: iso((now += 60_000)), decision: { round: "review-1", kind: "approval", reviewer: "ana@p.example", action: "approve" } });
    const resumedAt = (now += days * DAY);
    const onResume = feed({ type: "operator_resumed", at: iso(resumedAt), operator: "ops" });
    expect(onResume.some((c) => c.type === "send_customer_notice" && !c.delayed), "the notice goes out on resume").toBe(true);
    expect(onResume.some((c) => c.type === "disclose"), "no collection in the same breath as the notice").toBe(false);
    expect(feed({ type: "tick", at: iso(resumedAt + WINDOW - 1) }).some((c) => c.type === "disclose"), "the customer has the whole window from the notice").toBe(false);
    expect(feed({ type: "tick", at: iso(resumedAt + WINDOW) }).some((c) => c.type === "disclose")).toBe(true);
  });
});

describe("R5: a customer's timely objection that arrived while the demand was parked", () => {
  it("is honoured on resume, even when a wake tick was queued before it and the resume comes after the window", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    let now = START;
    const feed = (event: DeciderEvent) => run.feed(event);
    feed({ type: "started", at: iso(now), demand: aLifecycleDemand({ reviewersRequired: 1 }) });
    feed({ type: "review_decision", at: iso((now += 1000)), decision: { round: "review-1", kind: "approval", reviewer: "ana@p.example", action: "approve" } });
    expect(run.state.phase).toBe("objection");
    // A later batch fails and parks the demand; a wake tick raced the parking; then the customer objects, in time.
    feed({ type: "effects_failed", at: iso((now += DAY)), code: "store-unavailable", commands: [] });
    feed({ type: "tick", at: iso((now += 1000)) });
    feed({ type: "customer_objection", at: iso((now += DAY)) });
    const onResume = feed({ type: "operator_resumed", at: iso(START + WINDOW + 5 * DAY), operator: "ops" });
    expect(onResume.some((c) => c.type === "disclose"), "nothing is collected over the objection").toBe(false);
    expect(onResume.some((c) => c.type === "record" && c.step === "customer objected"), "the objection reopens review").toBe(true);
  });
});
