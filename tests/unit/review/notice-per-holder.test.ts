import { describe, expect, it } from "vitest";
import type { Target } from "../../../shared/domain/demand";
import { makeSendCustomerNoticeHandler } from "../../../activities/handlers/send-customer-notice";
import type { MailMessage } from "../../../shared/ports/mailer";
import { aDemandBody, aDemandRecord, anAccount, aTenant, samplePdf, TEST_NOW } from "../../support/builders";
import { InMemoryCustomerDirectory, InMemoryDemandStore, InMemoryDocumentStore, OnceLedger } from "../../support/fakes";
import { noticeHarness } from "./notice-harness";
import { InMemoryAudit } from "./review-fixture";

const pat: Target = { type: "email", value: "pat@outlook.example" };
const kim: Target = { type: "phone", value: "+14255550100" };

/** One consumer customer whose two accounts have different holders (a family's accounts under one tenant). */
async function oneConsumerTwoHolders() {
  const directory = new InMemoryCustomerDirectory();
  const tenant = aTenant({ name: "The Lees" });
  await directory.upsertTenant(tenant);
  await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierType: "email", identifierValue: pat.value, holderEmail: "pat@outlook.example" }));
  await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierType: "phone", identifierValue: kim.value, holderEmail: "kim@mail.example" }));
  return { directory, tenant };
}

const scopeOf = (targets: Target[]) => ({ categories: ["subscriber_info" as const], targets, dateRange: { from: "2026-01-01", to: "2026-06-30" } });

/**
 * R5 with R1: a consumer customer's accounts may have different holders. One notice addressed to all of them showed each
 * holder the others' addresses, and listed every holder's identifiers to every holder. Each holder address gets its own
 * notice naming only the accounts it holds (a copy of the demand only where it names nobody else), once, and audited.
 */
describe("R5: one consumer customer, accounts with different holders", () => {
  it("R5: each holder address gets its own notice naming only its own accounts, each audited with its one recipient", async () => {
    const { directory, tenant } = await oneConsumerTwoHolders();
    const record = aDemandRecord({ body: aDemandBody({ targets: [pat, kim] }) });
    const { send, mails, audit } = await noticeHarness(record, directory);
    await send(scopeOf([pat, kim]));
    expect(mails.map((m) => m.to)).toEqual(expect.arrayContaining([["pat@outlook.example"], ["kim@mail.example"]]));
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      const text = `${mail.subject}\n${mail.text}\n${mail.html}`;
      const [own, other] = mail.to[0] === "pat@outlook.example" ? [pat.value, kim.value] : [kim.value, pat.value];
      expect(text).toContain(own);
      expect(text).not.toContain(other);
      expect(text).not.toContain(mail.to[0] === "pat@outlook.example" ? "kim@mail.example" : "pat@outlook.example");
      // The demand's document names the other holder's identifier: it is not attached.
      expect(mail.attachments ?? []).toHaveLength(0);
    }
    const entries = audit.entries.filter((e) => e.step === "customer_notice_sent");
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry.detail).toContain(tenant.id);
      expect(entry.detail?.match(/[0-9a-f]{64}/g)).toHaveLength(1);
    }
  });

  it("R5: a demand naming only one holder's account tells that holder alone, with the copy of the demand", async () => {
    const { directory } = await oneConsumerTwoHolders();
    const record = aDemandRecord({ body: aDemandBody({ targets: [kim] }) });
    const { send, mails } = await noticeHarness(record, directory);
    await send(scopeOf([kim]));
    expect(mails.map((m) => m.to)).toEqual([["kim@mail.example"]]);
    expect(mails[0]!.attachments).toHaveLength(1);
  });

  it("R5: a retried notice activity sends no holder's notice twice and audits each once", async () => {
    const { directory } = await oneConsumerTwoHolders();
    const record = aDemandRecord({ body: aDemandBody({ targets: [pat, kim] }) });
    const demands = new InMemoryDemandStore();
    await demands.create(record);
    const documents = new InMemoryDocumentStore();
    await documents.put(record.document.blobName, samplePdf);
    const mails: MailMessage[] = [];
    const audit = new InMemoryAudit();
    const ledger = new OnceLedger();
    const send = makeSendCustomerNoticeHandler(async () => ({
      demands, directory, documents, ledger, audit, now: () => TEST_NOW, contact: { email: "legal-requests@contoso.example" }, objectionWindow: "P10D",
      mailer: { send: async (m: MailMessage) => (mails.push(m), { messageId: String(mails.length) }) },
    }));
    for (let run = 0; run < 2; run += 1) await send({ demandId: record.id, effectKey: "n-1", delayed: false, scope: scopeOf([pat, kim]) });
    expect(mails).toHaveLength(2);
    expect(audit.entries.filter((e) => e.step === "customer_notice_sent")).toHaveLength(2);
  });
});
