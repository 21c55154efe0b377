import type { CustomerNoticeInput } from "../../shared/domain/lifecycle/activity-inputs";
import { addIsoDuration } from "../../shared/domain/iso-duration";
import { isEnterprise, type AccountMapping, type Tenant } from "../../shared/domain/tenant";
import { groupByTenant } from "../../shared/domain/tenant-targets";
import type { CustomerDirectory } from "../../shared/ports/customer-directory";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { DocumentStore } from "../../shared/ports/document-store";
import type { EffectLedger } from "../../shared/ports/effect-ledger";
import type { Mailer } from "../../shared/ports/mailer";
import { categoryLabel, summarizeDemand } from "../../shared/review/demand-summary";
import { customerNoticeMessage } from "../../shared/review/messages/customer-notice";
import { resolveTargets } from "../../shared/use-cases/resolve-targets";

/** What the customer notice needs. */
export interface CustomerNoticeDeps {
  demands: DemandStore;
  directory: CustomerDirectory;
  documents: DocumentStore;
  mailer: Mailer;
  ledger: EffectLedger;
  contact: { email: string; url?: string | undefined };
  objectionWindow: string;
}

/**
 * R5: tells each customer whose account the approved scope names, with a copy of the demand: the enterprise's admins,
 * or the account holder. Each customer sees only its own identifiers; de-linked accounts get none. Once per customer.
 */
export function makeSendCustomerNoticeHandler(resolve: () => Promise<CustomerNoticeDeps>) {
  return async (input: CustomerNoticeInput): Promise<{ sent: number }> => {
    const deps = await resolve();
    const found = await deps.demands.get(input.demandId);
    if (found === null) throw new Error(`demand ${input.demandId} does not exist`);
    const record = found.record;
    const groups = groupByTenant(await resolveTargets(deps.directory, input.scope.targets));
    const pdf = await deps.documents.get(record.document.blobName);
    if (pdf === null) throw new Error(`the document of demand ${input.demandId} is missing`);

    let sent = 0;
    for (const { tenant, targets: owned } of groups) {
      const linked = owned.filter(({ account }) => !tenant.delinkedServices.includes(account.service));
      const recipients = recipientsOf(tenant, linked.map(({ account }) => account));
      if (linked.length === 0 || recipients.length === 0) continue;
      await deps.ledger.once(`${input.effectKey}:${tenant.id}`, async () => {
        const lastOrder = record.secrecyOrders.at(-1)?.order;
        const message = customerNoticeMessage({
          summary: summarizeDemand(record),
          recipient: isEnterprise(tenant) ? { kind: "enterprise_admins", organisation: tenant.name } : { kind: "account_holder" },
          ownIdentifiers: linked.map(({ target }) => target.value),
          categoriesApproved: input.scope.categories.map(categoryLabel),
          ...(input.delayed && lastOrder !== undefined ? { delayed: { secrecyOrderReference: lastOrder.reference, ended: lastOrder.expiresOn ?? "its lifting" } } : {}),
          ...(input.delayed ? {} : { objection: { days: Math.round(addIsoDuration(new Date(0), deps.objectionWindow).getTime() / 86_400_000), by: deps.contact.email } }),
          contact: deps.contact.url === undefined ? { email: deps.contact.email } : { email: deps.contact.email, url: deps.contact.url },
          document: { filename: record.document.filename, content: pdf },
        });
        return (await deps.mailer.send({ to: recipients, ...message })).messageId;
      });
      sent += 1;
    }
    return { sent };
  };
}

function recipientsOf(tenant: Tenant, accounts: AccountMapping[]): string[] {
  if (isEnterprise(tenant) || tenant.kind === "organisation") return tenant.adminContacts.map((c) => c.email);
  return [...new Set(accounts.flatMap((a) => (a.holderEmail === undefined ? [] : [a.holderEmail])))];
}
