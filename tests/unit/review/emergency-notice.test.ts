import { describe, expect, it } from "vitest";
import { makeSendCustomerNoticeHandler } from "../../../activities/handlers/send-customer-notice";
import type { EffectLedger } from "../../../shared/ports/effect-ledger";
import type { MailMessage } from "../../../shared/ports/mailer";
import { aDemandBody, aDemandRecord, anAccount, aTenant, samplePdf, TEST_NOW } from "../../support/builders";
import { InMemoryCustomerDirectory, InMemoryDemandStore, InMemoryDocumentStore } from "../../support/fakes";
import { InMemoryAudit } from "./review-fixture";

/**
 * R10/R5 d: an emergency is disclosed first and the customer told afterwards. The notice the lifecycle sends then must
 * say so; it must not tell the customer that nothing has been disclosed yet, nor promise that an objection is weighed
 * before any disclosure (the data has already left).
 */

class OnceLedger implements EffectLedger {
  readonly done = new Map<string, unknown>();
  async once<T>(key: string, effect: () => Promise<T>): Promise<T> {
    if (!this.done.has(key)) this.done.set(key, await effect());
    return this.done.get(key) as T;
  }
}

async function noticeFor(emergency: boolean) {
  const body = aDemandBody({ categories: ["subscriber_info"] });
  if (emergency) {
    body.legalProcess.kind = "emergency_request";
    body.emergency = { onOfficialLetterhead: true, signingAuthority: "Sgt. A. Officer", kind: "kidnapping", summary: "A missing child.", howDataHelps: "The login IP locates the device." };
  }
  const record = aDemandRecord({ body });
  const demands = new InMemoryDemandStore();
  await demands.create(record);
  const documents = new InMemoryDocumentStore();
  await documents.put(record.document.blobName, samplePdf);
  const directory = new InMemoryCustomerDirectory();
  const tenant = aTenant();
  await directory.upsertTenant(tenant);
  await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "pat@outlook.example", holderEmail: "pat@outlook.example" }));
  const mails: MailMessage[] = [];
  const handler = makeSendCustomerNoticeHandler(async () => ({
    demands,
    directory,
    documents,
    mailer: { send: async (m: MailMessage) => (mails.push(m), { messageId: String(mails.length) }) },
    ledger: new OnceLedger(),
    audit: new InMemoryAudit(),
    now: () => TEST_NOW,
    contact: { email: "legal-requests@contoso.example" },
    objectionWindow: "P10D",
  }));
  const scope = { categories: ["subscriber_info" as const], targets: [{ type: "email" as const, value: "pat@outlook.example" }], dateRange: { from: "2026-01-01", to: "2026-06-30" } };
  // The lifecycle sends an emergency's notice as a prompt (not delayed) notice, after the disclosure.
  await handler({ demandId: record.id, effectKey: "n-1", delayed: false, scope });
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
    expect(mail.text).toContain("Object within 10 days");
  });
});
