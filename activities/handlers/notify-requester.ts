import type { DemandRecord } from "../../shared/domain/demand-record";
import type { NotifyRequesterInput } from "../../shared/domain/lifecycle/activity-inputs";
import { redirectContactOf, type RedirectContact } from "../../shared/domain/redirect-contact";
import { isEnterprise, type Tenant } from "../../shared/domain/tenant";
import type { AuditLog } from "../../shared/ports/audit-log";
import type { CustomerDirectory } from "../../shared/ports/customer-directory";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { EffectLedger } from "../../shared/ports/effect-ledger";
import type { Mailer } from "../../shared/ports/mailer";
import type { RequesterRegistry } from "../../shared/ports/requester-registry";
import { CATEGORY_LABELS } from "../../shared/domain/policy/labels";
import { summarizeDemand } from "../../shared/review/demand-summary";
import { renderMessage, type Message } from "../../shared/review/messages/message-document";
import { demandRejectedMessage, packageReadyMessage, redirectToCustomerMessage } from "../../shared/review/messages/requester-messages";

/** What telling the requester needs. */
export interface NotifyRequesterDeps {
  demands: DemandStore;
  directory: CustomerDirectory;
  audit: AuditLog;
  now: () => Date;
  requesters: RequesterRegistry;
  mailer: Mailer;
  ledger: EffectLedger;
  publicBaseUrl: string;
}

/** Mails the requester's contacts about its demand (redirect, rejection, closing), once per effect key. */
export function makeNotifyRequesterHandler(resolve: () => Promise<NotifyRequesterDeps>) {
  return async (input: NotifyRequesterInput): Promise<void> => {
    const deps = await resolve();
    await deps.ledger.once(input.effectKey, async () => {
      const found = await deps.demands.get(input.demandId);
      if (found === null) throw new Error(`demand ${input.demandId} does not exist`);
      const requester = await deps.requesters.get(found.record.requesterId);
      if (requester === null) throw new Error(`requester of demand ${input.demandId} does not exist`);
      const customers = input.message === "redirect" ? await redirectContacts(deps.directory, found.record) : [];
      const message = requesterMessage(found.record, input, deps.publicBaseUrl.replace(/\/$/, ""), customers, deps.now());
      const sent = await deps.mailer.send({ to: requester.contacts.map((c) => c.email), ...message });
      // Keyed: a crash before the ledger's entry is written re-runs this on the activity's retry (R12: audited once).
      for (const customer of customers) {
        await deps.audit.append(
          input.demandId,
          {
            at: deps.now().toISOString(),
            actor: "system",
            step: "customer_contact_released",
            detail: `the redirect named tenant ${customer.tenantId} and its ${customer.basis === "legal_contact" ? "designated legal contact" : "admins (no legal contact set)"} to the requester`,
          },
          { once: `${input.effectKey}:contact:${customer.tenantId}` },
        );
      }
      return sent.messageId;
    });
  };
}

/** R3: why a reviewer stopped the demand: the reason from the closed list, and the reviewer's note. */
function reviewerExplanation(input: NotifyRequesterInput): string {
  const verb = input.outcome === "challenged" ? "challenged the order" : "rejected the demand";
  const reason = input.reason === undefined ? "" : ` Reason: ${input.reason.replace(/_/g, " ")}.`;
  const note = input.note === undefined ? "" : ` Reviewer's note: ${input.note}`;
  return `A reviewer ${verb}.${reason}${note}`;
}

/** The approved identifiers by their position in the demand as filed. */
function keptTargets(record: DemandRecord, approved: readonly { type: string; value: string }[]) {
  const kept = new Set(approved.map((t) => `${t.type}:${t.value}`));
  return record.body.targets.flatMap((t, index) => (kept.has(`${t.type}:${t.value}`) ? [{ index, type: t.type }] : []));
}

/** R4: a redirected demand that also names consumer accounts: its identifiers by position, redirected or reviewed now. */
function splitOf(record: DemandRecord) {
  const direct = record.plan?.directTargets ?? [];
  if (direct.length === 0) return undefined;
  const positions = record.body.targets.map((t, index) => ({ index, type: t.type }));
  return { redirected: positions.filter((t) => !direct.includes(t.index)), reviewed: positions.filter((t) => direct.includes(t.index)) };
}

/** The enterprise customers (R4) of the demand's identifiers on services not de-linked from them (R5 c), each with the contact the redirect names. */
async function redirectContacts(directory: CustomerDirectory, record: DemandRecord): Promise<RedirectContact[]> {
  const mappings = await directory.findAccounts(record.body.targets);
  const tenants = await directory.getTenants(mappings.flatMap((m) => (m === null ? [] : [m.tenantId])));
  const linked = (tenant: Tenant) => mappings.some((m) => m !== null && m.tenantId === tenant.id && !tenant.delinkedServices.includes(m.service));
  return [...tenants.values()].filter((tenant) => isEnterprise(tenant) && linked(tenant)).sort((a, b) => a.id.localeCompare(b.id)).map(redirectContactOf);
}

function requesterMessage(record: DemandRecord, input: NotifyRequesterInput, base: string, customers: readonly RedirectContact[], now: Date): Message {
  const summary = summarizeDemand(record, now);
  const statusUrl = `${base}/api/demands/${record.id}`;
  switch (input.message) {
    case "redirect":
      return redirectToCustomerMessage({
        summary,
        links: { statusUrl, withdrawUrl: `${statusUrl}/withdraw`, redirectAnswerUrl: `${statusUrl}/cannot-redirect` },
        answerBy: input.answerBy ?? "the deadline in the demand's status",
        customers,
        split: splitOf(record),
      });
    case "rejected":
      return demandRejectedMessage({
        summary,
        findings: record.rejection ?? [],
        ...(input.reason === undefined ? {} : { explanation: reviewerExplanation(input) }),
        links: { statusUrl },
      });
    case "redirect_reason_refused":
      // R4: a demand that also names consumer accounts goes on with them: only its enterprise identifiers stay redirected.
      if (input.outcome === undefined) {
        return renderMessage(`Reason not accepted: ${summary.reference}`, [
          { paragraph: `A reviewer did not accept the reason given for not approaching the enterprise customer about your demand ${summary.reference} (${record.id}).` },
          { paragraph: "The identifiers of the enterprise customer's accounts stay redirected: please seek that data from the customer. The other identifiers of your demand are still being reviewed." },
          { link: { label: "Status of your demand", url: statusUrl } },
        ]);
      }
      // R4: the outcome is "redirected", not a rejection (R3's closed list has no such reason).
      return renderMessage(`Demand closed as redirected: ${summary.reference}`, [
        { paragraph: `Your demand ${summary.reference} (${record.id}) is closed as redirected.` },
        { paragraph: "A reviewer did not accept the reason given for not approaching the enterprise customer. Please seek the data from the customer." },
        { link: { label: "Status of your demand", url: statusUrl } },
      ]);
    case "closed":
      if (input.outcome === "disclosed_content" || input.outcome === "disclosed_non_content") {
        const approved = record.approvedScope;
        return packageReadyMessage({
          summary,
          categories: approved === undefined ? summary.categoriesAllowed : approved.categories.map((c) => CATEGORY_LABELS[c]),
          availableUntil: "the link's expiry shown in the status",
          links: { statusUrl },
          approved: approved === undefined ? undefined : { keptTargets: keptTargets(record, approved.targets), dateRange: approved.dateRange },
        });
      }
      return renderMessage(`Demand closed: ${summary.reference}`, [
        { paragraph: `Your demand ${summary.reference} (${record.id}) is closed. Outcome: ${(input.outcome ?? "closed").replace(/_/g, " ")}.` },
        { link: { label: "Status of your demand", url: statusUrl } },
      ]);
  }
}
