import type { Target } from "../../shared/domain/demand";
import type { CustomerNoticeInput } from "../../shared/domain/lifecycle/activity-inputs";
import { createHash } from "node:crypto";
import type { Outcome } from "../../shared/domain/enums";
import { addIsoDuration } from "../../shared/domain/iso-duration";
import { secrecyEntries } from "../../shared/domain/lifecycle/decider/secrecy-entries";
import { orderThatEnded } from "../../shared/domain/lifecycle/decider/secrecy-in-force";
import { identifierKey, isEnterprise, type AccountMapping, type Tenant } from "../../shared/domain/tenant";
import { ownersChanged } from "../../shared/domain/target-owners";
import { groupByTenant } from "../../shared/domain/tenant-targets";
import type { AuditLog } from "../../shared/ports/audit-log";
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
  audit: AuditLog;
  now: () => Date;
  contact: { email: string; url?: string | undefined };
  objectionWindow: string;
}

/**
 * R5: tells each customer whose account the approved scope names, with a copy of the demand: the enterprise's admins,
 * or each account holder address apart. Each sees only its own identifiers; de-linked accounts get none. Once each.
 * The copy goes only where the demand names nobody else's identifiers (R1); otherwise the notice says how to get one.
 * R12: each notice is audited once: which copy, to whom (as hashes of the addresses), and the attached document's hash.
 */
export function makeSendCustomerNoticeHandler(resolve: () => Promise<CustomerNoticeDeps>) {
  return async (input: CustomerNoticeInput): Promise<{ sent: number }> => {
    const deps = await resolve();
    const found = await deps.demands.get(input.demandId);
    if (found === null) throw new Error(`demand ${input.demandId} does not exist`);
    const record = found.record;
    const resolved = await resolveTargets(deps.directory, input.scope.targets);
    // R5: the notice is owed to the customers the demand reached when it came in; one an identifier was moved to since
    // was never part of the review, so nobody is told until a human has looked (the activity fails, the demand parks).
    if (record.owners !== undefined && ownersChanged(record.owners, resolved)) {
      throw new Error(`DIRECTORY_CHANGED: an identifier of demand ${input.demandId} now reaches another account or customer than when it came in; no notice was sent`);
    }
    const groups = groupByTenant(resolved);
    // The document names every identifier the demand asked about, narrowed out or not, so those decide who else it names.
    const named = await resolveTargets(deps.directory, record.body.targets);
    const pdf = await deps.documents.get(record.document.blobName);
    if (pdf === null) throw new Error(`the document of demand ${input.demandId} is missing`);

    const emergency = record.body.legalProcess.kind === "emergency_request";
    let sent = 0;
    for (const { tenant, targets: owned } of groups) {
      const linked = owned.filter(({ account }) => !tenant.delinkedServices.includes(account.service));
      if (linked.length === 0) continue;
      const toAdmins = isEnterprise(tenant) || tenant.kind === "organisation";
      const audiences = audiencesOf(tenant, linked);
      for (const audience of audiences) {
        // One audience keeps the customer's key (a notice already sent under it is not sent again); several holders
        // of one consumer customer each have theirs.
        const key = audiences.length === 1 ? `${input.effectKey}:${tenant.id}` : `${input.effectKey}:${tenant.id}:${audience.holder === null ? "no-address" : `holder:${addressHash(audience.holder)}`}`;
        if (audience.recipients.length === 0) {
          // R5/R12: an owed notice with nobody on file to send it to is recorded, never skipped without a trace.
          await deps.audit.append(
            input.demandId,
            {
              at: deps.now().toISOString(),
              actor: "system",
              step: "customer_notice_not_possible",
              detail: `${input.delayed ? "delayed" : "prompt"} notice owed to the ${toAdmins ? "enterprise admins" : `account holder${audiences.length === 1 ? "" : ` of ${audience.targets.length} of its accounts`}`} of tenant ${tenant.id}, but the directory has no address to send it to`,
            },
            { once: `${key}:audit` },
          );
          continue;
        }
        // R1: an organisation's admins may see all its accounts; a consumer holder only the accounts it holds.
        const others = named.filter((t) => t.tenant?.id !== tenant.id || (!toAdmins && holderOf(t.account) !== audience.holder));
        const othersNamed = new Set(others.map(({ target }) => identifierKey(target.type, target.value))).size;
        await deps.ledger.once(key, async () => {
          const ended = input.delayed ? orderThatEnded(secrecyEntries(record.secrecyOrders)) : undefined;
          const message = customerNoticeMessage({
            summary: summarizeDemand(record, deps.now()),
            // Addressed as audiencesOf sends it: any organisation's notice goes to its admins, not to an account holder.
            recipient: toAdmins ? { kind: "enterprise_admins", organisation: tenant.name } : { kind: "account_holder" },
            ownIdentifiers: audience.targets.map(({ target }) => target.value),
            // A redirect's notice goes out before any review (R4), and a delayed one may follow a demand closed unapproved.
            categoriesApproved: record.approvedScope === undefined || NOTHING_APPROVED.includes(record.outcome ?? "no_data") ? [] : input.scope.categories.map(categoryLabel),
            ...(ended === undefined ? {} : { delayed: { secrecyOrderReference: ended.reference, ended: ended.lifted || ended.expiresOn === undefined ? "its lifting" : ended.expiresOn } }),
            // R10: an emergency's notice follows its disclosure, so there is no objection window to offer.
            ...(input.delayed ? {} : emergency ? { afterEmergency: true } : { objection: { days: Math.round(addIsoDuration(new Date(0), deps.objectionWindow).getTime() / 86_400_000), ...(input.objectionEndsAt === undefined ? {} : { endsAt: input.objectionEndsAt }) } }),
            ...(input.followsRedirect === true ? { followsRedirect: true } : {}),
            contact: deps.contact.url === undefined ? { email: deps.contact.email } : { email: deps.contact.email, url: deps.contact.url },
            document: othersNamed === 0 ? { filename: record.document.filename, content: pdf } : { othersNamed },
          });
          // The notice asks for objections "by replying": replies go to the legal contact, never to the sending address.
          return (await deps.mailer.send({ to: audience.recipients, replyTo: deps.contact.email, ...message })).messageId;
        });
        await deps.audit.append(
          input.demandId,
          {
            at: deps.now().toISOString(),
            actor: "system",
            step: "customer_notice_sent",
            detail: `${input.delayed ? "delayed" : "prompt"} notice ${othersNamed === 0 ? "with a copy of the demand" : `without the demand's document (it names ${othersNamed} other account(s))`} to the ${toAdmins ? "enterprise admins" : `account holder${audiences.length === 1 ? "" : ` of ${audience.targets.length} of its accounts (one notice per holder address)`}`} of tenant ${tenant.id}; recipients sha256 ${audience.recipients.map(addressHash).join(", ")}`.slice(0, 2000),
            ...(othersNamed === 0 ? { documentDigest: record.document.sha256 } : {}),
          },
          { once: `${key}:audit` },
        );
        sent += 1;
      }
    }
    return { sent };
  };
}

// A notice held back by an order outlives a demand that ended without approval (withdrawn, refused): the scope it
// carries is only what was asked, and none of it was approved.
const NOTHING_APPROVED: readonly Outcome[] = ["rejected", "withdrawn", "redirected", "challenged"];

/** A recipient as the audit chain names it: the SHA-256 of the lower-cased address (no address in the chain). */
function addressHash(address: string): string {
  return createHash("sha256").update(address.trim().toLowerCase()).digest("hex");
}

/** Who one notice goes to, and the customer's targets it names; `holder` is the consumer holder address it is for. */
interface Audience {
  recipients: string[];
  holder: string | null;
  targets: { target: Target; account: AccountMapping }[];
}

/**
 * An organisation's notice goes to its admins, naming all its targets. A consumer's goes to each holder address apart,
 * naming only that holder's accounts (R1: one mail to all would show each holder the others' addresses and accounts);
 * accounts with no holder address form an audience with no recipient.
 */
function audiencesOf(tenant: Tenant, linked: { target: Target; account: AccountMapping }[]): Audience[] {
  if (isEnterprise(tenant) || tenant.kind === "organisation") return [{ recipients: tenant.adminContacts.map((c) => c.email), holder: null, targets: linked }];
  const byHolder = new Map<string | null, Audience>();
  for (const item of linked) {
    const holder = holderOf(item.account);
    const audience = byHolder.get(holder) ?? { recipients: holder === null ? [] : [item.account.holderEmail ?? holder], holder, targets: [] };
    audience.targets.push(item);
    byHolder.set(holder, audience);
  }
  return [...byHolder.values()];
}

/** An account's holder address, lower-cased (addresses differing in case are one holder), or null when none is on file. */
function holderOf(account: AccountMapping | null): string | null {
  return account?.holderEmail === undefined ? null : account.holderEmail.trim().toLowerCase();
}
