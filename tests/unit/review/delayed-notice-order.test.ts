import { describe, expect, it } from "vitest";
import type { DemandRecord, SecrecyOrderRecord } from "../../../shared/domain/demand-record";
import { aDemandRecord, anAccount, aTenant } from "../../support/builders";
import { InMemoryCustomerDirectory } from "../../support/fakes";
import { noticeHarness, noticeScope } from "./notice-harness";

/**
 * R5(a)/R9: the delayed notice tells the customer which order kept it silent and when that order ended. The orders on
 * a demand are every filing in order: a later filing a reviewer refused (or has not ruled on) never bound, and of
 * several overlapping orders the one that ran longest is the one that ended the silence, not the one filed last.
 */

const filed = (reference: string, expiresOn: string | undefined, extra: Partial<SecrecyOrderRecord> = {}): SecrecyOrderRecord => ({
  order: { reference, issuingCourt: "Superior Court", issuedOn: "2026-11-01", ...(expiresOn === undefined ? {} : { expiresOn }) },
  documentSha256: "a".repeat(64),
  addedAt: "2026-11-21T12:00:00.000Z",
  lifted: false,
  ...extra,
});
const atIntake = (reference: string, expiresOn: string): SecrecyOrderRecord => {
  const entry = filed(reference, expiresOn);
  delete entry.documentSha256;
  return entry;
};

async function delayedNoticeText(secrecyOrders: SecrecyOrderRecord[], overrides: Partial<DemandRecord> = {}): Promise<string> {
  const directory = new InMemoryCustomerDirectory();
  const tenant = aTenant();
  await directory.upsertTenant(tenant);
  await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "pat@outlook.example", holderEmail: "pat@outlook.example" }));
  const { send, mails } = await noticeHarness(aDemandRecord({ secrecyOrders, ...overrides }), directory);
  await send(noticeScope("pat@outlook.example"), true);
  expect(mails).toHaveLength(1);
  return mails[0]!.text;
}

describe("R9: the delayed notice names the order that ended", () => {
  it("R9: an extension a reviewer refused is not the order named, nor its end date (still in the future)", async () => {
    const text = await delayedNoticeText([atIntake("SO-1", "2027-02-10"), filed("SO-2", "2027-12-31", { ruling: "refused" })]);
    expect(text).toContain("SO-1");
    expect(text).toContain("2027-02-10");
    expect(text).not.toContain("SO-2");
    expect(text).not.toContain("2027-12-31");
  });

  it("R9: an extension filed but never ruled on is not the order named", async () => {
    const text = await delayedNoticeText([atIntake("SO-1", "2027-02-10"), filed("SO-2", "2027-12-31")]);
    expect(text).toContain("SO-1");
    expect(text).not.toContain("SO-2");
  });

  it("R9: of overlapping orders the one that ran longest is named, even when filed first", async () => {
    const text = await delayedNoticeText([atIntake("SO-1", "2027-12-31"), filed("SO-2", "2027-06-30", { ruling: "confirmed" })]);
    expect(text).toContain("SO-1");
    expect(text).toContain("2027-12-31");
    expect(text).not.toContain("SO-2");
  });

  it("R9: a lifting that ended the orders is named as such", async () => {
    const text = await delayedNoticeText([atIntake("SO-1", "2027-12-31"), filed("SO-1", "2027-12-31", { lifted: true })]);
    expect(text).toContain("SO-1");
    expect(text).toContain("its lifting");
  });
});

describe("R9: the delayed notice of a demand that ended without a disclosure", () => {
  it.each(["redirected", "withdrawn", "rejected", "challenged"] as const)("R9: outcome %s: no category is said to be approved", async (outcome) => {
    // An enterprise demand filed with an order: the redirect's notice was held back, then the demand ended without release.
    const text = await delayedNoticeText([atIntake("SO-1", "2027-02-10")], { outcome, status: "awaiting_secrecy_expiry" });
    expect(text).toContain("Categories approved: none");
  });

  it("R9: outcome disclosed_content: the approved categories are named", async () => {
    const text = await delayedNoticeText([atIntake("SO-1", "2027-02-10")], { outcome: "disclosed_content", status: "awaiting_secrecy_expiry", approvedScope: { categories: ["subscriber_info"], targets: [{ type: "email", value: "pat@outlook.example" }], dateRange: { from: "2026-01-01", to: "2026-06-30" } } });
    expect(text).toContain("Categories approved: subscriber information");
  });
});
