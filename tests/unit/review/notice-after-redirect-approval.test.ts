import { describe, expect, it } from "vitest";
import { readableDateTime } from "../../../shared/review/evidence/readable-time";
import { aDemandRecord, anAccount, aTenant } from "../../support/builders";
import { InMemoryCustomerDirectory } from "../../support/fakes";
import { noticeHarness, noticeScope } from "./notice-harness";

/**
 * R4/R5: the notice that goes out with a redirect precedes any approval, so it cannot name an objection deadline (none
 * runs yet); it said "Object within 10 days (by legal-requests@…)", a deadline that did not exist, from an address.
 * The approval's follow-up notice says the demand was approved after the redirect and names the window's end.
 */
async function harness() {
  const directory = new InMemoryCustomerDirectory();
  const tenant = aTenant({ name: "Fabrikam Ltd", kind: "organisation", seats: 500, commercialService: true, adminContacts: [{ name: "Admin", email: "admin@fabrikam.example" }] });
  await directory.upsertTenant(tenant);
  await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "pat@outlook.example" }));
  return noticeHarness(aDemandRecord(), directory);
}

describe("R5: the notices of a redirected demand that is approved later", () => {
  it("R5: the redirect's notice names no deadline, and says the customer will be told again before any disclosure", async () => {
    const { send, mails } = await harness();
    await send(noticeScope("pat@outlook.example"));
    const text = mails[0]!.text;
    expect(text).not.toMatch(/within \d+ days/);
    expect(text).not.toContain("(by legal-requests@contoso.example)");
    expect(text).toContain("Object by replying to legal-requests@contoso.example");
    expect(text).toMatch(/if we approve the demand we will tell you again, unless the law forbids it, with the date by which to object \(at least 10 days later\)/);
  });

  it("R5: the approval's follow-up says the demand was approved after the redirect and names the window's end", async () => {
    const { handler, mails } = await harness();
    const endsAt = "2026-12-04T13:00:00.000Z";
    await handler({ effectKey: "n-2", delayed: false, scope: noticeScope("pat@outlook.example"), objectionEndsAt: endsAt, followsRedirect: true });
    expect(mails[0]!.subject).toMatch(/^Update to our notice of a legal demand for your data: /);
    expect(mails[0]!.text).toContain("This follows our earlier notice of this demand");
    expect(mails[0]!.text).toContain("we have now approved it");
    expect(mails[0]!.text).toContain(`Object by ${readableDateTime(endsAt)}`);
  });
});
