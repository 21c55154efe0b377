import { describe, expect, it } from "vitest";
import { isoDurationMs } from "../../../shared/domain/iso-duration";
import { type Command, type DeciderEvent, type SecrecyEntryView } from "../../../shared/domain/lifecycle/decider";
import { secrecyInForce } from "../../../shared/domain/lifecycle/decider/secrecy-in-force";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R5(a) on the operator's resume: a demand parks when the batch carrying the customer's prompt notice keeps failing
 * (the mail service is down, the directory changed). A secrecy order filed after intake binds once a reviewer confirms
 * it; if that happens while the demand is parked, the resume must not send the parked prompt notice: the order in force
 * forbids it, and the customer is told when the order ends instead (a delayed notice), as at an approval under an order.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const WINDOW = isoDurationMs(TEST_SETTINGS.objectionWindow);
const DECISION_WINDOW = isoDurationMs(TEST_SETTINGS.secrecyExpiryDecisionWindow);
/** Filed after intake (so it binds only once confirmed), in force through 2026-12-20. */
const lateOrder: SecrecyEntryView = { index: 0, reference: "SO-1", expiresOn: "2026-12-20", lifted: false, atIntake: false };
const lifting: SecrecyEntryView = { index: 1, reference: "SO-1", expiresOn: undefined, lifted: true, atIntake: false };
const ORDER_ENDS = Date.parse("2026-12-21T12:00:00.000Z");

type WhileParked = "confirm" | "refuse" | "lift" | "withdraw" | "object";

const promptNotices = (commands: Command[]) => commands.filter((c) => c.type === "send_customer_notice" && !c.delayed);
const delayedNotices = (commands: Command[]) => commands.filter((c) => c.type === "send_customer_notice" && c.delayed);
const steps = (commands: Command[]) => commands.flatMap((c) => (c.type === "record" ? [c.step] : []));

/**
 * A one-reviewer consumer demand with an order filed after intake and not yet confirmed: the approval sends the prompt
 * notice (an unconfirmed order holds nothing back), that batch keeps failing and parks the demand, `whileParked` arrives,
 * and an operator resumes it two days later.
 */
function parkedApprovalNotice(whileParked: WhileParked[]) {
  const run = new DeciderRun(TEST_SETTINGS);
  let now = START;
  const feed = (event: DeciderEvent) => run.feed(event);
  const decide = (round: string, kind: string, action: string): DeciderEvent => ({ type: "review_decision", at: iso((now += 1000)), decision: { round, kind, reviewer: "ana@p.example", action } });
  feed({ type: "started", at: iso(now), demand: aLifecycleDemand({ reviewersRequired: 1 }) });
  feed({ type: "secrecy_orders_changed", at: iso((now += 1000)), orders: [lateOrder] });
  // The filing re-opened the approval round: the reviewer approves with the order in view, before anyone ruled on it.
  const approval = feed(decide(run.state.round!.name, "approval", "approve"));
  expect(promptNotices(approval), "an order nobody confirmed yet holds nothing back").toHaveLength(1);
  expect(run.state.phase).toBe("objection");
  feed({ type: "effects_failed", at: iso((now += 60_000)), code: "directory-changed", commands: approval });
  for (const step of whileParked) {
    if (step === "confirm") feed(decide("secrecy-confirm-1", "secrecy_confirmation", "confirm_order"));
    if (step === "refuse") feed(decide("secrecy-confirm-1", "secrecy_confirmation", "refuse_order"));
    if (step === "lift") feed({ type: "secrecy_orders_changed", at: iso((now += 1000)), orders: [lateOrder, lifting] });
    if (step === "withdraw") feed({ type: "withdrawn", at: iso((now += 1000)) });
    if (step === "object") feed({ type: "customer_objection", at: iso((now += 1000)) });
  }
  const resumedAt = (now = START + 2 * DAY);
  const onResume = feed({ type: "operator_resumed", at: iso(resumedAt), operator: "ops" });
  return { run, onResume, resumedAt, feed, approval };
}

describe("R5(a): a parked prompt notice is not sent on resume once a secrecy order confirmed while parked binds", () => {
  it("R5(a): the order confirmed while parked: no prompt notice on resume, the notice is owed as a delayed notice", () => {
    const { run, onResume, resumedAt } = parkedApprovalNotice(["confirm"]);
    expect(secrecyInForce(run.state.secrecyOrders, resumedAt).kind, "the order binds at the resume").toBe("until");
    expect(promptNotices(onResume), "R5(a): no notice while the order is in force").toEqual([]);
    expect(run.state.notice).toEqual({ prompt: "not_sent", delayed: "owed" });
    expect(steps(onResume)).toContain("notice delayed");
  });

  it("R5(a): every other parked command is still replayed (the approval's records)", () => {
    const { onResume, approval } = parkedApprovalNotice(["confirm"]);
    const parkedRecords = approval.filter((c) => c.type === "record").map((c) => (c.type === "record" ? c.stepId : ""));
    const replayed = onResume.filter((c) => c.type === "record").map((c) => (c.type === "record" ? c.stepId : ""));
    expect(replayed).toEqual(expect.arrayContaining(parkedRecords));
  });

  it("R5(a): no objection window runs for a notice that never went out: collection begins on resume, as at an approval under an order", () => {
    const { run, onResume } = parkedApprovalNotice(["confirm"]);
    expect(run.state.objectionEndsAt).toBeNull();
    expect(run.state.phase).toBe("disclosing");
    expect(onResume.some((c) => c.type === "disclose"), "approved under a binding order: collected now").toBe(true);
    expect(steps(onResume)).not.toContain("objection window restarted");
  });

  it("R9: the delayed notice goes out once, on the day the order ends, after the outcome", () => {
    const { run, feed, resumedAt } = parkedApprovalNotice(["confirm"]);
    feed({ type: "disclosed", at: iso(resumedAt + 1000), result: { itemCount: 3, contentDisclosed: true, nonContentDisclosed: false } });
    expect(run.state.outcome).toBe("disclosed_content");
    expect(run.state.closed, "a delayed notice is still owed").toBe(false);
    feed({ type: "tick", at: iso(ORDER_ENDS - 1) });
    expect(delayedNotices(run.commands)).toEqual([]);
    feed({ type: "tick", at: iso(ORDER_ENDS) });
    expect(delayedNotices(run.commands)).toHaveLength(1);
    // The prompt notice was decided once, before the order bound, and never re-sent: only the parked decision names it.
    expect(promptNotices(run.commands)).toHaveLength(1);
    expect(run.state.closed).toBe(true);
  });

  it("R5: the order confirmed and then lifted while parked: no order binds at the resume, so the parked notice goes out then, with the whole objection window", () => {
    const { run, onResume, resumedAt, feed } = parkedApprovalNotice(["confirm", "lift"]);
    expect(secrecyInForce(run.state.secrecyOrders, resumedAt).kind).toBe("none");
    expect(promptNotices(onResume)).toHaveLength(1);
    expect(run.state.notice).toEqual({ prompt: "sent", delayed: "not_owed" });
    expect(run.state.phase).toBe("objection");
    expect(feed({ type: "tick", at: iso(resumedAt + WINDOW - 1) }).some((c) => c.type === "disclose")).toBe(false);
    expect(feed({ type: "tick", at: iso(resumedAt + WINDOW) }).some((c) => c.type === "disclose")).toBe(true);
  });

  it("R5: the order refused while parked: the parked notice goes out on resume", () => {
    const { run, onResume } = parkedApprovalNotice(["refuse"]);
    expect(promptNotices(onResume)).toHaveLength(1);
    expect(run.state.phase).toBe("objection");
  });

  it("R4: a withdrawal that arrived while parked is still honoured: nothing is collected, the delayed notice stays owed", () => {
    const { run, onResume } = parkedApprovalNotice(["confirm", "withdraw"]);
    expect(promptNotices(onResume)).toEqual([]);
    expect(onResume.some((c) => c.type === "disclose"), "nothing collected over the withdrawal").toBe(false);
    expect(run.state.outcome).toBe("withdrawn");
    expect(run.state.notice.delayed).toBe("owed");
  });

  it("R5: a customer's objection that arrived while parked (a tenant reached before the failure) sends the demand back to review, not to collection", () => {
    const { run, onResume } = parkedApprovalNotice(["confirm", "object"]);
    expect(promptNotices(onResume)).toEqual([]);
    expect(onResume.some((c) => c.type === "disclose")).toBe(false);
    expect(run.state.round?.kind).toBe("approval");
  });
});

describe("R5(a): a redirected demand's parked notice once an order is confirmed while parked", () => {
  it("R5(a): the redirect's notice is held back on resume and goes out when the order ends", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    let now = START;
    const feed = (event: DeciderEvent) => run.feed(event);
    // Filed before the lifecycle's first read: its confirmation is asked at start, and holds nothing back until given.
    const started = feed({ type: "started", at: iso(now), demand: aLifecycleDemand({ redirect: true, reviewersRequired: 1 }, { secrecyOrders: [lateOrder] }) });
    expect(promptNotices(started)).toHaveLength(1);
    feed({ type: "effects_failed", at: iso((now += 60_000)), code: "smtp-unavailable", commands: started });
    feed({ type: "review_decision", at: iso((now += 1000)), decision: { round: "secrecy-confirm-1", kind: "secrecy_confirmation", reviewer: "ana@p.example", action: "confirm_order" } });
    const onResume = feed({ type: "operator_resumed", at: iso((now = START + DAY)), operator: "ops" });
    expect(promptNotices(onResume), "R5(a): no notice while the order is in force").toEqual([]);
    expect(onResume.some((c) => c.type === "notify_requester"), "the requester is still told of the redirect").toBe(true);
    expect(run.state.phase).toBe("redirect");
    expect(run.state.notice).toEqual({ prompt: "not_sent", delayed: "owed" });
    // The requester never answers; the order ends before the redirect is closed for want of an answer.
    for (let at = now + DAY; at < ORDER_ENDS; at += DAY) feed({ type: "tick", at: iso(at) });
    expect(promptNotices(run.commands)).toHaveLength(1);
    feed({ type: "tick", at: iso(ORDER_ENDS) });
    expect(promptNotices(run.commands), "R9: told on the day the order ends").toHaveLength(2);
  });
});

describe("R5: the parked batch is the disclosure itself", () => {
  it("an order confirmed while parked after the notice went out and the window ran: the disclosure is replayed, nothing more is owed", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    let now = START;
    const feed = (event: DeciderEvent) => run.feed(event);
    feed({ type: "started", at: iso(now), demand: aLifecycleDemand({ reviewersRequired: 1 }) });
    feed({ type: "secrecy_orders_changed", at: iso((now += 1000)), orders: [lateOrder] });
    feed({ type: "review_decision", at: iso((now += 1000)), decision: { round: run.state.round!.name, kind: "approval", reviewer: "ana@p.example", action: "approve" } });
    const windowClosed = feed({ type: "tick", at: iso((now += WINDOW)) });
    const disclose = windowClosed.findIndex((c) => c.type === "disclose");
    expect(disclose).toBeGreaterThanOrEqual(0);
    feed({ type: "effects_failed", at: iso((now += 60_000)), code: "collector-unavailable", commands: windowClosed.slice(disclose) });
    feed({ type: "review_decision", at: iso((now += 1000)), decision: { round: "secrecy-confirm-1", kind: "secrecy_confirmation", reviewer: "ana@p.example", action: "confirm_order" } });
    const onResume = feed({ type: "operator_resumed", at: iso((now += DAY)), operator: "ops" });
    expect(onResume.some((c) => c.type === "disclose")).toBe(true);
    expect(onResume.filter((c) => c.type === "send_customer_notice")).toEqual([]);
    feed({ type: "disclosed", at: iso((now += 1000)), result: { itemCount: 3, contentDisclosed: true, nonContentDisclosed: false } });
    expect(run.state.notice).toEqual({ prompt: "sent", delayed: "not_owed" });
    expect(run.state.closed).toBe(true);
  });
});

describe("R9: an order lifted while the demand was parked", () => {
  it("a demand concluded under a confirmed order, parked, and the order lifted meanwhile: the delayed notice follows from the resume, not lost", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    let now = START;
    const feed = (event: DeciderEvent) => run.feed(event);
    feed({ type: "started", at: iso(now), demand: aLifecycleDemand({ reviewersRequired: 1 }) });
    feed({ type: "secrecy_orders_changed", at: iso((now += 1000)), orders: [lateOrder] });
    feed({ type: "review_decision", at: iso((now += 1000)), decision: { round: "secrecy-confirm-1", kind: "secrecy_confirmation", reviewer: "ana@p.example", action: "confirm_order" } });
    feed({ type: "review_decision", at: iso((now += 1000)), decision: { round: run.state.round!.name, kind: "approval", reviewer: "ana@p.example", action: "approve" } });
    feed({ type: "disclosed", at: iso((now += 1000)), result: { itemCount: 3, contentDisclosed: true, nonContentDisclosed: false } });
    expect(run.state.notice.delayed).toBe("owed");
    // Reviewers are asked ahead of the order's end; that mail keeps failing and parks the demand.
    const asked = feed({ type: "tick", at: iso((now = ORDER_ENDS - 10 * DAY)) });
    expect(asked.some((c) => c.type === "request_review")).toBe(true);
    feed({ type: "effects_failed", at: iso((now += 60_000)), code: "smtp-unavailable", commands: asked });
    feed({ type: "secrecy_orders_changed", at: iso((now += DAY)), orders: [lateOrder, lifting] });
    const resumedAt = (now += DAY);
    feed({ type: "operator_resumed", at: iso(resumedAt), operator: "ops" });
    expect(run.state.notice.delayed).toBe("owed");
    expect(run.state.wakeAt, "the lifting ended the order: the notice goes once the reviewers' window from the resume has run").toBe(resumedAt + DECISION_WINDOW);
    feed({ type: "tick", at: iso(resumedAt + DECISION_WINDOW) });
    expect(delayedNotices(run.commands)).toHaveLength(1);
    expect(run.state.closed).toBe(true);
  });
});
