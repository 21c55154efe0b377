import { describe, expect, it } from "vitest";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import { aDemandRecord, anAccount, aTenant } from "../../support/builders";
import { InMemoryCustomerDirectory } from "../../support/fakes";
import { noticeHarness, noticeScope } from "./notice-harness";

/**
 * R4/R5: an enterprise customer is notified when the redirect goes out, before any reviewer has looked at the demand;
 * a delayed notice may follow a demand that closed as redirected, withdrawn or rejected. Such a notice must not tell the
 * customer that categories of its data were approved for disclosure: none were.
 */

async function noticeFor(overrides: Partial<DemandRecord>, delayed: boolean): Promise<string> {
  const directory = new InMemoryCustomerDirectory();
  const tenant = aTenant({ kind: "organisation", name: "Fabrikam", seats: 500, commercialService: true, adminContacts: [{ name: "Admin", email: "admin@fabrikam.example" }] });
  await directory.upsertTenant(tenant);
  await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "ceo@fabrikam.example" }));
  const { send, mails } = await noticeHarness(aDemandRecord(overrides), directory);
  await send(noticeScope("ceo@fabrikam.example", ["subscriber_info", "content_mail"]), delayed);
  expect(mails).toHaveLength(1);
  return mails[0]!.text;
}

describe("R5: a notice sent before any approval says nothing was approved", () => {
  it("R5: the notice sent with the redirect (R4), before review, does not call the asked categories approved", async () => {
    const text = await noticeFor({ status: "awaiting_redirect" }, false);
    expect(text).not.toMatch(/Categories approved: subscriber information/);
    expect(text).toMatch(/Categories approved: none/);
  });

  it("R5: the delayed notice of a demand closed as redirected does not call the asked categories approved", async () => {
    const text = await noticeFor({ status: "awaiting_secrecy_expiry", outcome: "redirected" }, true);
    expect(text).not.toMatch(/Categories approved: subscriber information/);
  });

  it("R5: after approval the notice names the approved categories", async () => {
    const approvedScope = { categories: ["subscriber_info" as const], targets: [{ type: "email" as const, value: "ceo@fabrikam.example" }], dateRange: { from: "2026-01-01", to: "2026-06-30" } };
    const text = await noticeFor({ status: "in_review", approvedScope }, false);
    expect(text).toMatch(/Categories approved: subscriber information/);
  });
});

describe("R5: notice recipients of an organisation that is not an enterprise (50 seats or fewer)", () => {
  it("R5: the notice goes to its admins and is addressed to them, not to 'the holder of the account'", async () => {
    const directory = new InMemoryCustomerDirectory();
    const tenant = aTenant({ kind: "organisation", name: "Northwind Traders", seats: 50, commercialService: true, adminContacts: [{ name: "Owner", email: "owner@northwind.example" }] });
    await directory.upsertTenant(tenant);
    await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "sales@northwind.example", holderEmail: "sales@northwind.example" }));
    const { send, mails } = await noticeHarness(aDemandRecord({ status: "awaiting_notice_window" }), directory);
    await send(noticeScope("sales@northwind.example"));
    expect(mails.map((m) => m.to)).toEqual([["owner@northwind.example"]]);
    expect(mails[0]!.text).toContain("To the administrators of Northwind Traders:");
  });
});
