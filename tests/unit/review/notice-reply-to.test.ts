import { describe, expect, it } from "vitest";
import { aDemandRecord, anAccount, aTenant } from "../../support/builders";
import { InMemoryCustomerDirectory } from "../../support/fakes";
import { noticeHarness, noticeScope } from "./notice-harness";

/**
 * R5: the notice tells the customer to object "by replying". The mail comes from the app's sender (in Azure a
 * DoNotReply address of Azure's domain), so a reply reached nobody unless the mail names the provider's legal contact
 * as where replies go.
 */
describe("R5: replying to a customer notice reaches the provider's legal contact", () => {
  it("R5: the notice's Reply-To is the contact address its objection instructions name", async () => {
    const directory = new InMemoryCustomerDirectory();
    const tenant = aTenant();
    await directory.upsertTenant(tenant);
    await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "pat@outlook.example", holderEmail: "pat@outlook.example" }));
    const { send, mails } = await noticeHarness(aDemandRecord(), directory);
    await send(noticeScope("pat@outlook.example"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("by replying to legal-requests@contoso.example");
    expect(mails[0]!.replyTo).toBe("legal-requests@contoso.example");
  });
});
