import { describe, expect, it } from "vitest";
import type { Tenant } from "../../../shared/domain/tenant";
import { aDemandRecord, anAccount, aTenant } from "../../support/builders";
import { InMemoryCustomerDirectory } from "../../support/fakes";
import { noticeHarness, noticeScope } from "../review/notice-harness";

/**
 * R5/R12: a notice the customer is owed is never dropped silently. The directory allows a consumer account with no
 * holder email and an organisation with no admin contacts; the lifecycle still decides "notice sent" and opens the
 * objection window. The notice activity must leave a trace of that customer's notice not going out (the audit chain is
 * where anyone checks who was told), not skip the customer without a word.
 */

async function noticeTo(tenant: Tenant, holderEmail: string | undefined) {
  const record = aDemandRecord();
  const directory = new InMemoryCustomerDirectory();
  await directory.upsertTenant(tenant);
  const account = anAccount({ tenantId: tenant.id, identifierValue: "pat@outlook.example" });
  if (holderEmail === undefined) delete (account as { holderEmail?: string }).holderEmail;
  else account.holderEmail = holderEmail;
  await directory.upsertAccount(account);
  const { send, mails, audit } = await noticeHarness(record, directory);
  const outcome = await send(noticeScope("pat@outlook.example")).then(
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
