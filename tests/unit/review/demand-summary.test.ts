import { describe, expect, it } from "vitest";
import type { SecrecyOrderRecord } from "../../../shared/domain/demand-record";
import { summarizeDemand } from "../../../shared/review/demand-summary";
import type { z } from "zod";
import { aPlan, aReviewedDemand, NOW } from "./review-fixture";

type Entry = z.infer<typeof SecrecyOrderRecord>;

const atIntake = (expiresOn?: string): Entry => ({
  order: { reference: "NDO-1", issuingCourt: "Court of Example", issuedOn: "2026-11-01", ...(expiresOn === undefined ? {} : { expiresOn }) },
  addedAt: "2026-11-02T00:00:00.000Z",
  lifted: false,
});
const filedLater = (reference: string, extra: Partial<Entry> = {}): Entry => ({
  order: { reference, issuingCourt: "Court of Example", issuedOn: "2026-11-10", expiresOn: "2027-06-30" },
  documentSha256: "a".repeat(64),
  addedAt: "2026-11-10T00:00:00.000Z",
  lifted: false,
  ...extra,
});

/**
 * The summary's secrecy state and notice line are the lifecycle's own reading of the orders (one source): what binds
 * now, what waits for a reviewer's ruling, never what intake alone saw.
 */
describe("R5, R9: the demand summary reads the live secrecy state and the customer notice", () => {
  it.each<[string, Entry[], { secrecy: unknown; notice: RegExp }]>([
    ["no order", [], { secrecy: null, notice: /^prompt/ }],
    ["an order filed with the demand", [atIntake("2027-05-20")], { secrecy: { inForce: { references: ["NDO-1"], until: "2027-05-20" }, awaitingRuling: [] }, notice: /delayed.*2027-05-20/ }],
    ["an open-ended order", [atIntake()], { secrecy: { inForce: { references: ["NDO-1"], until: "no end date" }, awaitingRuling: [] }, notice: /delayed.*no end date/ }],
    ["an order that ended before today", [atIntake("2026-11-20")], { secrecy: null, notice: /^prompt/ }],
    ["an order lifted later", [atIntake("2027-05-20"), filedLater("NDO-1", { lifted: true })], { secrecy: null, notice: /^prompt/ }],
    ["a later order awaiting a ruling", [filedLater("NDO-2")], { secrecy: { inForce: null, awaitingRuling: ["NDO-2"] }, notice: /^prompt/ }],
    ["a later order a reviewer refused", [filedLater("NDO-2", { ruling: "refused", ruledBy: "ana" })], { secrecy: null, notice: /^prompt/ }],
    [
      "a later order a reviewer confirmed",
      [filedLater("NDO-2", { ruling: "confirmed", ruledBy: "ana", confirmedAt: "2026-11-11T00:00:00.000Z", confirmedBy: "ana" })],
      { secrecy: { inForce: { references: ["NDO-2"], until: "2027-06-30" }, awaitingRuling: [] }, notice: /delayed.*2027-06-30/ },
    ],
  ])("%s", (_name, secrecyOrders, expected) => {
    const summary = summarizeDemand(aReviewedDemand({ secrecyOrders }), NOW);
    expect(summary.secrecy).toEqual(expected.secrecy);
    expect(summary.plan?.notice).toMatch(expected.notice);
  });

  it("says nobody is told when every found target is de-linked, whatever the orders", () => {
    const record = aReviewedDemand({ secrecyOrders: [atIntake("2027-05-20")] });
    const summary = summarizeDemand({ ...record, plan: { ...record.plan!, notice: { kind: "none", reason: "delinked" } } }, NOW);
    expect(summary.plan?.notice).toMatch(/^none: the data is de-linked/);
  });
});

describe("R4: the plan as reviewers read it, for a demand that also names consumer accounts", () => {
  it("R4: says which identifiers the redirect holds back and which are reviewed now", () => {
    const record = aReviewedDemand();
    const summary = summarizeDemand({ ...record, plan: aPlan({ redirect: true, directTargets: [1] }) }, NOW);
    expect(summary.plan?.redirectLine).toMatch(/^yes, for Identifier 1 \([^)]*\); Identifier 3 \([^)]*\); not for Identifier 2 \([^)]*\), reviewed now/);
    expect(summarizeDemand({ ...record, plan: aPlan({ redirect: true }) }, NOW).plan?.redirectLine).toBe("yes");
    expect(summarizeDemand({ ...record, plan: aPlan() }, NOW).plan?.redirectLine).toBe("no");
  });
});
