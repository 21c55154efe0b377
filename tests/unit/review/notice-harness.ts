import { makeSendCustomerNoticeHandler } from "../../../activities/handlers/send-customer-notice";
import type { DataCategory } from "../../../shared/domain/enums";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import type { DisclosureScope } from "../../../shared/domain/lifecycle/scope";
import type { CustomerDirectory } from "../../../shared/ports/customer-directory";
import type { MailMessage } from "../../../shared/ports/mailer";
import { samplePdf, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, InMemoryDocumentStore, OnceLedger } from "../../support/fakes";
import { InMemoryAudit } from "./review-fixture";

/** The customer-notice activity over in-memory fakes: the demand and its document stored, every mail and audit entry kept. */
export async function noticeHarness(record: DemandRecord, directory: CustomerDirectory) {
  const demands = new InMemoryDemandStore();
  await demands.create(record);
  const documents = new InMemoryDocumentStore();
  await documents.put(record.document.blobName, samplePdf);
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
  /** Runs the activity for this demand: a prompt notice, or the delayed one. */
  const send = (scope: DisclosureScope, delayed = false, objectionEndsAt?: string) =>
    handler({ demandId: record.id, effectKey: "n-1", delayed, scope, ...(objectionEndsAt === undefined ? {} : { objectionEndsAt }) });
  /** Runs the activity with any other input for this demand (e.g. the approval's follow-up after a redirect). */
  const run = (input: Omit<Parameters<typeof handler>[0], "demandId">) => handler({ demandId: record.id, ...input });
  return { send, handler: run, mails, audit };
}

/** A notice's scope: these categories of one email identifier over the first half of 2026. */
export function noticeScope(email: string, categories: DataCategory[] = ["subscriber_info"]): DisclosureScope {
  return { categories, targets: [{ type: "email", value: email }], dateRange: { from: "2026-01-01", to: "2026-06-30" } };
}
