import { describe, expect, it } from "vitest";
import { makeSendCustomerNoticeHandler } from "../../../activities/handlers/send-customer-notice";
import type { EffectLedger } from "../../../shared/ports/effect-ledger";
import type { MailMessage } from "../../../shared/ports/mailer";
import type { Tenant } from "../../../shared/domain/tenant";
import { aDemandRecord, anAccount, aTenant, samplePdf, TEST_NOW } from "../../support/builders";
import { InMemoryCustomerDirectory, InMemoryDemandStore, InMemoryDocumentStore } from "../../support/fakes";
import { InMemoryAudit } from "../review/review-fixture";

/**
 * R5/R12: a notice the customer is owed is never dropped silently. The directory allows a consumer account with no
 * holder email and an organisation with no admin contacts; the lifecycle still decides "notice sent" and opens the
 * objection window. The notice activity must leave a trace of that customer's notice not going out (the audit chain is
 * where anyone checks who was told), not skip the customer without a word.
 */

class OnceLedger implements EffectLedger {
  readonly done = new Map<string, unknown>();
  async once<T>(key: string, effect: () => Promise<T>): Promise<T> {
    if (!this.done.has(key)) this.done.set(key, await effect());
    return this.done.get(key) as T;
  }
}

async function noticeTo(tenant: Tenant, holderEmail: string | undefined) {
  const record = aDemandRecord();
  const demands = new InMemoryDemandStore();
  await demands.create(record);
  const documents = new InMemoryDocumentStore();
  await documents.put(record.document.blobName, samplePdf);
  const directory = new InMemoryCustomerDirectory();
  await directory.upsertTenant(tenant);
  const account = anAccount({ tenantId: tenant.id, identifierValue: "pat@outlook.example" });
  if (holderEmail === undefined) delete (account as { holderEmail?: string }).holderEmail;
  else account.holderEmail = holderEmail;
  await directory.upsertAccount(account);
  const mails: MailMessage[] = [];
  const audit = new InMemoryAudit();
  const handler = makeSendCustomerNoticeHandler(async () => ({
    demands,
    directory,
    documents,
    mailer: { send: async (m: MailMessage) => (mails.push(m), { messageId: String(mails.length) }) },
    ledger: new OnceLedger(),
    audit,
    now: () => TEST_NOW,
    contact: { email: "legal-requests@contoso.example" },
    objectionWindow: "P10D",
  }));
  const scope = { categories: ["subscriber_info" as const], targets: [{ type: "email" as const, value: "pat@outlook.example" }], dateRange: { from: "2026-01-01", to: "2026-06-30" } };
  const outcome = await handler({ demandId: record.id, effectKey: "n-1", delayed: false, scope }).then(
    () => "resolved" as const,
    () => "rejected" as const,
  );
  return { outcome, audit, mails, record };
}

describe("R5/R12: a customer with no address to notify is not skipped silently", () => {
  it.each<[string, Tenant, string | undefined]>([
    ["a consumer account with no holder email", aTenant(), undefined],
    ["an organisation with no admin contacts", aTenant({ kind: "organisation", name: "Fabrikam", seats: 500, commercialService: true, adminContacts: [] }), "ceo@fabrikam.example"],
  ])("R5/R12: %s: the notice that could not go out is in the audit chain (or the step fails for an operator)", async (_name, tenant, holderEmail) => {
    const { outcome, audit, mails, record } = await noticeTo(tenant, holderEmail);
    expect(mails).toEqual([]);
    const traced = audit.entries.some((e) => e.demandId === record.id && /notice/.test(e.step) && (e.detail ?? "").includes(tenant.id));
    expect(traced || outcome === "rejected", "the owed notice vanished without a trace").toBe(true);
  });
});
