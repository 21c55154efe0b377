import { describe, expect, it } from "vitest";
import type { Target } from "../../../shared/domain/demand";
import { aDemandBody, aDemandRecord, anAccount, aTenant } from "../../support/builders";
import { InMemoryCustomerDirectory } from "../../support/fakes";
import { noticeHarness } from "./notice-harness";

const pat: Target = { type: "email", value: "pat@outlook.example" };
const sam: Target = { type: "email", value: "sam@outlook.example" };
const stranger: Target = { type: "email", value: "someone@elsewhere.example" };

/** Two consumers, each the holder of one of the demand's accounts. */
async function twoConsumers() {
  const directory = new InMemoryCustomerDirectory();
  for (const [name, target] of [["Pat", pat], ["Sam", sam]] as const) {
    const tenant = aTenant({ name });
    await directory.upsertTenant(tenant);
    await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: target.value, holderEmail: target.value }));
  }
  return directory;
}

const scopeOf = (targets: Target[]) => ({ categories: ["subscriber_info" as const], targets, dateRange: { from: "2026-01-01", to: "2026-06-30" } });

/**
 * R5 with R1: each customer is owed a copy of the demand, but the demand's document names every account it asks for.
 * A warrant naming Pat's and Sam's addresses was attached whole to Pat's notice and to Sam's, so each learnt the
 * other's address (subscriber data of another customer) and that the other is under investigation. A copy goes only
 * where the document names nobody else; otherwise the notice says why it is not attached and how to get a copy with
 * the others removed, and the audit entry records that no document went with it.
 */
describe("R5: a customer's notice never carries another party's identifiers", () => {
  it("R5: a demand naming two customers' accounts: neither notice attaches the document or names the other", async () => {
    const record = aDemandRecord({ body: aDemandBody({ targets: [pat, sam] }) });
    const { send, mails, audit } = await noticeHarness(record, await twoConsumers());
    await send(scopeOf([pat, sam]));
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      const own = mail.to[0]!;
      const other = own === pat.value ? sam.value : pat.value;
      expect(mail.attachments ?? []).toHaveLength(0);
      expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toContain(other);
      expect(mail.text).toContain(own);
      expect(mail.text).toContain("names 1 other account");
      expect(mail.text).toContain("legal-requests@contoso.example");
    }
    const entries = audit.entries.filter((e) => e.step === "customer_notice_sent");
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry.detail).toContain("without the demand's document");
      expect(entry.documentDigest).toBeUndefined();
    }
  });

  it("R5: an identifier no customer holds is another party too: its holder's address is not sent to our customer", async () => {
    const record = aDemandRecord({ body: aDemandBody({ targets: [pat, stranger] }) });
    const { send, mails } = await noticeHarness(record, await twoConsumers());
    await send(scopeOf([pat, stranger]));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attachments ?? []).toHaveLength(0);
    expect(mails[0]!.text).not.toContain(stranger.value);
  });

  it("R5: a demand naming only the customer's own accounts still attaches the copy of the demand, even after narrowing", async () => {
    const record = aDemandRecord({ body: aDemandBody({ targets: [pat, { type: "email", value: "PAT@outlook.example" }] }) });
    const { send, mails, audit } = await noticeHarness(record, await twoConsumers());
    await send(scopeOf([pat]));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attachments).toHaveLength(1);
    expect(mails[0]!.text).toContain("A copy of the demand is attached");
    expect(audit.entries.find((e) => e.step === "customer_notice_sent")?.documentDigest).toBe(record.document.sha256);
  });
});
