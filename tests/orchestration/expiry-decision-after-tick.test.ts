import { afterEach, describe, expect, it } from "vitest";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aDecision, aLifecycleDemand, anOrder } from "../support/lifecycle-demands";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

const { reviewDecision, secrecyOrderChanged } = LifecycleEvent;
const ana = "ana@provider.example";
const ben = "ben@provider.example";

/*
 * On Azure a reviewer's decision raised seconds before a secrecy order ends may reach the lifecycle after the scan's
 * Tick at the end. The order filed with the demand ends 2027-01-01T12:00Z
 * (last day 2026-12-31); reviewers are asked 14 days ahead (round secrecy-expiry-2). A decision made in that round before
 * the end but delivered after the scan's Tick at the end must still count.
 */
describe("R9: a decision in the open secrecy-expiry round made before the order ends and delivered after the Tick at its end", () => {
  it("R9: a reviewer's 'withhold' (notice would endanger someone) stops the delayed notice", async () => {
    const h = (harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 }, { secrecyOrders: [anOrder(0, { expiresOn: "2026-12-31" })] })));
    await h.start();
    await h.raise(reviewDecision, aDecision("approve", ana));
    await h.advance("P40DT23H59M58S");
    expect(h.of("request_review").filter((r) => r.kind === "secrecy_expiry").map((r) => r.round)).toEqual(["secrecy-expiry-2"]);
    const withhold = h.acceptDecision(aDecision("withhold", ben, { round: "secrecy-expiry-2", kind: "secrecy_expiry", withholdReason: "danger" }));
    await h.advance("PT1M"); // the scan's Tick at the order's end is delivered first
    await h.raise(reviewDecision, withhold);
    expect(h.of("send_customer_notice")).toHaveLength(0);
    expect(h.steps()).toContain("delayed notice withheld");
    expect(h.status()).toMatchObject({ runtimeStatus: "Completed", output: { outcome: "disclosed_content" } });
  });

  it("R9: a reviewer's confirmation of an extension order stops the delayed notice until the new order ends", async () => {
    const h = (harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 }, { secrecyOrders: [anOrder(0, { expiresOn: "2026-12-31" })] })));
    await h.start();
    await h.raise(reviewDecision, aDecision("approve", ana));
    await h.advance("P30D");
    h.demand = { ...h.demand, secrecyOrders: [anOrder(0, { expiresOn: "2026-12-31" }), anOrder(1, { expiresOn: "2027-06-20" })] };
    await h.raise(secrecyOrderChanged, {});
    await h.advance("P10DT23H59M58S");
    const confirm = h.acceptDecision(aDecision("confirm_order", ben, { round: "secrecy-confirm-2", kind: "secrecy_confirmation" }));
    await h.advance("PT1M");
    await h.raise(reviewDecision, confirm);
    expect(h.of("send_customer_notice")).toHaveLength(0);
    expect(h.steps()).toContain("decision already heard");
    expect(h.status().runtimeStatus).toBe("Running");
    await h.advance("P171D"); // the new order ends 2027-06-21T12:00Z
    expect(h.of("send_customer_notice")).toEqual([expect.objectContaining({ delayed: true })]);
    expect(h.status().runtimeStatus).toBe("Completed");
  });
});

describe("R9: a decision recorded after the order ended does not hold the notice", () => {
  it("R9: a 'withhold' the review page recorded after the end is late: the delayed notice goes out", async () => {
    const h = (harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 }, { secrecyOrders: [anOrder(0, { expiresOn: "2026-12-31" })] })));
    await h.start();
    await h.raise(reviewDecision, aDecision("approve", ana));
    await h.advance("P41DT5S");
    h.acceptDecision(aDecision("withhold", ben, { round: "secrecy-expiry-2", kind: "secrecy_expiry", withholdReason: "danger" }));
    await h.advance("PT1M");
    expect(h.of("send_customer_notice")).toEqual([expect.objectContaining({ delayed: true })]);
  });
});
