import { describe, expect, it } from "vitest";
import { type Command, type DeciderEvent, type LifecycleState, type SecrecyEntryView } from "../../../shared/domain/lifecycle/decider";
import { secrecyInForce } from "../../../shared/domain/lifecycle/decider/secrecy-in-force";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R5/R9 on an enterprise (redirected) demand filed with a secrecy order: the customer's notice, due when the redirect
 * went out, is held back as a delayed notice. If the order ends (its last day passes, or it is lifted) while the demand
 * is still waiting for the requester's answer or in review, no order forbids notice any more: the customer must be told
 * before anything is disclosed (and given the objection window), and told on the day the order ends.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const intakeOrder: SecrecyEntryView = { index: 0, reference: "SO-1", expiresOn: "2026-11-30", lifted: false, atIntake: true };
const lifting: SecrecyEntryView = { index: 1, reference: "SO-1", expiresOn: "2026-11-30", lifted: true, atIntake: false };

type Ending = "expires" | "lifted";

/** An enterprise demand with an intake order; the order ends during review; one reviewer approves after it ended. */
function approvedAfterOrderEnded(ending: Ending): { commands: Command[]; state: LifecycleState; now: number } {
  const run = new DeciderRun(TEST_SETTINGS);
  let now = START;
    const feed = (event: DeciderEvent) => run.feed(event);
  feed({ type: "started", at: iso(now), demand: aLifecycleDemand({ redirect: true, reviewersRequired: 1 }, { secrecyOrders: [intakeOrder] }) });
  expect(run.state.notice.delayed, "the notice owed at redirect is held back by the order").toBe("owed");
  feed({ type: "cannot_redirect", at: iso((now += DAY)) });
  feed({ type: "review_decision", at: iso((now += 1000)), decision: { round: run.state.round!.name, kind: "redirect", reviewer: "ana@p.example", action: "accept_reason" } });
  expect(run.state.round?.kind).toBe("approval");
  if (ending === "lifted") feed({ type: "secrecy_orders_changed", at: iso((now += 1000)), orders: [intakeOrder, lifting] });
  else now = Date.parse("2026-12-01T13:00:00.000Z"); // the order's last day in force has ended everywhere
  feed({ type: "tick", at: iso(now) });
  expect(secrecyInForce(run.state.secrecyOrders, now).kind, "no order binds any more").toBe("none");
  feed({ type: "review_decision", at: iso((now += 1000)), decision: { round: run.state.round!.name, kind: "approval", reviewer: "ben@p.example", action: "approve" } });
  return { commands: run.commands, state: run.state, now };
}

const notices = (commands: Command[]) => commands.filter((c) => c.type === "send_customer_notice");

describe("R5: a redirected demand's held-back notice once its secrecy order has ended before approval", () => {
  it.each<[string, Ending]>([
    ["R5: the order's last day passed during review: notice before disclosure, then the objection window", "expires"],
    ["R5: the order was lifted during review: notice before disclosure, then the objection window", "lifted"],
  ])("%s", (_name, ending) => {
    const { commands, state } = approvedAfterOrderEnded(ending);
    const disclose = commands.findIndex((c) => c.type === "disclose");
    const notice = commands.findIndex((c) => c.type === "send_customer_notice");
    expect(notice, "the customer is told").toBeGreaterThanOrEqual(0);
    expect(disclose === -1 || notice < disclose, "R5: the notice precedes any disclosure").toBe(true);
    expect(state.phase, "no order forbids notice: delivery waits for the objection window").toBe("objection");
  });

  it("R9: the order ends while the demand is in review: the customer is notified on the day it ends, not when the demand concludes", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    const feed = (event: DeciderEvent) => run.feed(event);
    // The requester never answers the redirect within the order's life; the scan keeps waking the demand.
    feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ redirect: true, reviewersRequired: 1 }, { secrecyOrders: [intakeOrder] }) });
    feed({ type: "tick", at: iso(START + DAY) });
    expect(iso(run.state.wakeAt ?? 0), "R9: the lifecycle wakes at the order's end (once its last day has ended everywhere)").toBe("2026-12-01T12:00:00.000Z");
    expect(notices(run.commands), "nothing before the order ends").toEqual([]);
    feed({ type: "tick", at: "2026-12-01T12:00:00.000Z" });
    expect(run.state.outcome, "the redirect is still awaiting the requester's answer").toBeNull();
    expect(notices(run.commands).length, "R9: told on the day the order ended, not when the redirect closes weeks later").toBe(1);
  });
});

describe("R5/R9: an order that ends while the approved data is being collected and sealed", () => {
  it("sends no prompt notice (which would invite an objection to a release under way) and does not wake in a loop; the delayed notice follows the outcome", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    const feed = (event: DeciderEvent) => run.feed(event);
    feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ reviewersRequired: 1 }, { secrecyOrders: [intakeOrder] }) });
    feed({ type: "review_decision", at: iso(START + 1000), decision: { round: run.state.round!.name, kind: "approval", reviewer: "ana@p.example", action: "approve" } });
    expect(run.commands.some((c) => c.type === "disclose"), "approved under the order: collection begins").toBe(true);
    expect(run.state.notice.delayed).toBe("owed");
    // Collection is still running (a slow source, retried) when the order's last day passes; the scan keeps waking.
    const ended = Date.parse("2026-12-01T12:00:00.000Z");
    for (let at = START + DAY; at <= ended + DAY; at += DAY / 2) {
      feed({ type: "tick", at: iso(at) });
      expect(notices(run.commands), `nothing is sent while the release is under way (${iso(at)})`).toEqual([]);
      expect(run.state.wakeAt === null || run.state.wakeAt > at, "no wake due at once, again and again").toBe(true);
    }
    feed({ type: "disclosed", at: iso(ended + DAY + 1000), result: { itemCount: 3, contentDisclosed: true, nonContentDisclosed: false } });
    // Reviewers were not asked while the release was under way: they get the decision window now, as for a lifting.
    feed({ type: "tick", at: iso(ended + 4 * DAY + 1000) });
    expect(notices(run.commands).map((c) => c.type === "send_customer_notice" && c.delayed), "then the delayed notice").toEqual([true]);
  });
});
