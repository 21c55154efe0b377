import { describe, expect, it } from "vitest";
import { aDemandBody, aDemandRecord, anAccount, aTenant } from "../../support/builders";
import { InMemoryCustomerDirectory } from "../../support/fakes";
import { noticeHarness, noticeScope } from "./notice-harness";

/**
 * R10/R5 d: an emergency is disclosed first and the customer told afterwards. The notice the lifecycle sends then must
 * say so; it must not tell the customer that nothing has been disclosed yet, nor promise that an objection is weighed
 * before any disclosure (the data has already left).
 */

async function noticeFor(emergency: boolean) {
  const body = aDemandBody({ categories: ["subscriber_info"] });
  if (emergency) {
    body.legalProcess.kind = "emergency_request";
    body.emergency = { onOfficialLetterhead: true, signingAuthority: "Sgt. A. Officer", kind: "kidnapping", summary: "A missing child.", howDataHelps: "The login IP locates the device." };
  }
  const directory = new InMemoryCustomerDirectory();
  const tenant = aTenant();
  await directory.upsertTenant(tenant);
  await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "pat@outlook.example", holderEmail: "pat@outlook.example" }));
  const { send, mails } = await noticeHarness(aDemandRecord({ body }), directory);
  // The lifecycle sends an emergency's notice as a prompt (not delayed) notice, after the disclosure.
  await send(noticeScope("pat@outlook.example"));
  expect(mails).toHaveLength(1);
  return mails[0]!;
}

describe("R10: the notice that follows an emergency disclosure", () => {
  it("R10: says the emergency was answered before the customer was told, and offers no objection before disclosure", async () => {
    const mail = await noticeFor(true);
    expect(mail.text).not.toContain("before any data is disclosed");
    expect(mail.text).not.toContain("Object within");
    expect(mail.text).not.toContain("before disclosing anything");
    expect(mail.text).toMatch(/emergency/i);
    expect(mail.text).toContain("follows our response");
    expect(mail.text).toContain("protective order");
  });

  it("R5: a prompt notice of any other demand still precedes disclosure and offers the objection window", async () => {
    const mail = await noticeFor(false);
    expect(mail.text).toContain("before any data is disclosed");
    expect(mail.text).toMatch(/Object by replying to .*at least 10 days later/);
  });
});
