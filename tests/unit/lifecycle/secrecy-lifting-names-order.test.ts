import { describe, expect, it } from "vitest";
import type { Command, DeciderEvent } from "../../../shared/domain/lifecycle/decider";
import { orderThatEnded, secrecyInForce } from "../../../shared/domain/lifecycle/decider/secrecy-in-force";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, anOrder, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R9 with several orders in force (two courts, or an original and a separate order): a lifting names the order it
 * lifts (by its reference) and ends only that one; the customer's notice waits for the others.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const courtA = anOrder(0, { reference: "NDO-A", expiresOn: "2027-05-20" });
const courtB = anOrder(1, { reference: "NDO-B", expiresOn: "2027-08-31", ruling: "confirmed" });
const liftA = anOrder(2, { reference: "NDO-A", expiresOn: "2027-05-20", lifted: true });
const notices = (commands: Command[]) => commands.filter((c) => c.type === "send_customer_notice");

describe("R9: a lifting of one of several orders in force", () => {
  it("R9: lifting the first court's order leaves the second court's order in force; no notice until it ends", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    const feed = (event: DeciderEvent) => run.feed(event);
    feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ reviewersRequired: 1 }, { secrecyOrders: [courtA, courtB] }) });
    feed({ type: "review_decision", at: iso(START + 1000), decision: { round: run.state.round!.name, kind: "approval", reviewer: "ana@p.example", action: "approve" } });
    feed({ type: "disclosed", at: iso(START + 2000), result: { itemCount: 1, contentDisclosed: true, nonContentDisclosed: false } });
    expect(run.state.notice.delayed).toBe("owed");
    feed({ type: "secrecy_orders_changed", at: iso(START + 3000), orders: [courtA, courtB, liftA] });
    feed({ type: "tick", at: "2026-12-15T12:00:00.000Z" });
    expect(secrecyInForce(run.state.secrecyOrders, Date.parse("2026-12-15T12:00:00.000Z")), "the second court's order still binds").toEqual({ kind: "until", date: "2027-08-31" });
    expect(notices(run.commands), "R9: no notice while another order is in force").toEqual([]);
    expect(run.state.closed).toBe(false);
    feed({ type: "tick", at: "2027-08-20T12:00:00.000Z" }); // reviewers are asked ahead of the second order's end
    feed({ type: "tick", at: "2027-09-01T12:00:00.000Z" });
    expect(notices(run.commands).map((c) => c.type === "send_customer_notice" && c.delayed), "told when the last order ends").toEqual([true]);
  });

  it("R9: a later lifting does not end an order filed after it (a new order re-imposes secrecy)", () => {
    const again = anOrder(3, { reference: "NDO-A", expiresOn: "2027-10-31", ruling: "confirmed" });
    expect(secrecyInForce([courtA, liftA, again], START)).toEqual({ kind: "until", date: "2027-10-31" });
  });

  it("R9: the delayed notice names the order that ended last: the remaining order, or the lifting when the lifted one outlasted it", () => {
    const shortB = anOrder(1, { reference: "NDO-B", expiresOn: "2027-01-31", ruling: "confirmed" });
    expect(orderThatEnded([courtA, courtB, liftA])?.reference).toBe("NDO-B");
    const named = orderThatEnded([courtA, shortB, liftA]);
    expect([named?.reference, named?.lifted]).toEqual(["NDO-A", true]);
  });
});
