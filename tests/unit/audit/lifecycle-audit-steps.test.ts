import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeSendCustomerNoticeHandler } from "../../../activities/handlers/send-customer-notice";
import type { EffectLedger } from "../../../shared/ports/effect-ledger";
import type { MailMessage } from "../../../shared/ports/mailer";
import { fileSecrecyOrder } from "../../../shared/use-cases/file-secrecy-order";
import { minimalPdf } from "../../../scripts/minimal-pdf";
import { aDemandBody, aDemandRecord, anAccount, aTenant, samplePdf, TEST_NOW } from "../../support/builders";
import { InMemoryCustomerDirectory, InMemoryDemandStore, InMemoryDocumentStore, RecordingLifecycle } from "../../support/fakes";
import { InMemoryAudit } from "../review/review-fixture";

/** R12: steps the lifecycle's activities and use cases must leave in the audit chain (the chain-walking test is in tests/e2e). */

class OnceLedger implements EffectLedger {
  readonly done = new Map<string, unknown>();
  async once<T>(key: string, effect: () => Promise<T>): Promise<T> {
    if (!this.done.has(key)) this.done.set(key, await effect());
    return this.done.get(key) as T;
  }
}

const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

async function noticeWorld() {
  // The demand names both customers' accounts, as the notices' scope does.
  const record = aDemandRecord({ body: aDemandBody({ targets: [{ type: "email", value: "pat@outlook.example" }, { type: "email", value: "ceo@fabrikam.example" }] }) });
  const demands = new InMemoryDemandStore();
  await demands.create(record);
  const documents = new InMemoryDocumentStore();
  await documents.put(record.document.blobName, samplePdf);
  const directory = new InMemoryCustomerDirectory();
  const consumer = aTenant();
  const enterprise = aTenant({ kind: "organisation", name: "Fabrikam", seats: 500, commercialService: true, adminContacts: [{ name: "Legal", email: "legal@fabrikam.example" }, { name: "IT", email: "it@fabrikam.example" }] });
  await directory.upsertTenant(consumer);
  await directory.upsertTenant(enterprise);
  await directory.upsertAccount(anAccount({ tenantId: consumer.id }));
  await directory.upsertAccount(anAccount({ tenantId: enterprise.id, identifierValue: "ceo@fabrikam.example", holderEmail: "ceo@fabrikam.example" }));
  const mails: MailMessage[] = [];
  const audit = new InMemoryAudit();
  const ledger = new OnceLedger();
  const handler = makeSendCustomerNoticeHandler(async () => ({
    demands,
    directory,
    documents,
    mailer: { send: async (m: MailMessage) => (mails.push(m), { messageId: String(mails.length) }) },
    ledger,
    audit,
    now: () => TEST_NOW,
    contact: { email: "legal-requests@contoso.example" },
    objectionWindow: "P10D",
  }));
  const scope = {
    categories: ["subscriber_info" as const],
    targets: [
      { type: "email" as const, value: "pat@outlook.example" },
      { type: "email" as const, value: "ceo@fabrikam.example" },
    ],
    dateRange: { from: "2026-01-01", to: "2026-06-30" },
  };
  return { record, handler, audit, mails, scope };
}

describe("R12: every customer notice is in the audit chain", () => {
  it("R12: each notice is audited once per customer: the recipients as hashes, which copy, and that no document went (the demand names the other customer)", async () => {
    const { record, handler, audit, mails, scope } = await noticeWorld();
    await handler({ demandId: record.id, effectKey: "n-1", delayed: false, scope });
    await handler({ demandId: record.id, effectKey: "n-1", delayed: false, scope }); // a retried activity
    expect(mails).toHaveLength(2);
    const notices = audit.entries.filter((e) => e.step === "customer_notice_sent");
    expect(notices).toHaveLength(2);
    for (const entry of notices) {
      expect(entry.documentDigest).toBeUndefined();
      expect(entry.actor).toBe("system");
      expect(entry.detail).toMatch(/prompt notice/);
      expect(entry.detail).toMatch(/without the demand's document/);
      expect(entry.detail).not.toMatch(/@/); // no address in the chain, only hashes
    }
    const details = notices.map((e) => e.detail!).join("\n");
    expect(details).toContain(sha256("pat@outlook.example"));
    expect(details).toContain(sha256("legal@fabrikam.example"));
    expect(details).toContain(sha256("it@fabrikam.example"));
    expect(details).toMatch(/account holder/);
    expect(details).toMatch(/enterprise admins/);
  });

  it("R12: a delayed notice is audited as the delayed copy", async () => {
    const { record, handler, audit, scope } = await noticeWorld();
    await handler({ demandId: record.id, effectKey: "n-2", delayed: true, scope: { ...scope, targets: [scope.targets[0]!] } });
    const notices = audit.entries.filter((e) => e.step === "customer_notice_sent");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.detail).toMatch(/delayed notice/);
  });
});

describe("R12: every secrecy filing is in the audit chain", () => {
  it.each([
    ["add", "secrecy_order_filed"],
    ["lift", "secrecy_order_lifted"],
  ] as const)("R12: a filing (%s) is audited by the requester with the order document's hash", async (action, step) => {
    // A lifting names an order on file (R9).
    const onFile = { order: { reference: "NDO-7", issuingCourt: "Superior Court", issuedOn: "2026-11-01", expiresOn: "2027-05-01" }, addedAt: "2026-11-21T10:00:00.000Z", lifted: false };
    const record = aDemandRecord({ status: "in_review", secrecyOrders: action === "lift" ? [onFile] : [] });
    const demands = new InMemoryDemandStore();
    await demands.create(record);
    const audit = new InMemoryAudit();
    const pdf = minimalPdf("NDO-7");
    await fileSecrecyOrder(
      { demands, lifecycle: new RecordingLifecycle(), now: () => TEST_NOW, documents: new InMemoryDocumentStore(), audit },
      record.requesterId,
      record.id,
      { action, order: { reference: "NDO-7", issuingCourt: "Superior Court", issuedOn: "2026-11-01", expiresOn: "2027-05-01" }, document: { filename: "ndo.pdf", contentBase64: pdf.toString("base64") } },
    );
    expect(audit.entries).toEqual([
      expect.objectContaining({ demandId: record.id, step, actor: `requester:${record.requesterId}`, documentDigest: sha256(pdf), detail: expect.stringMatching(/NDO-7.*2027-05-01/) }),
    ]);
  });
});

describe("R12: lifecycle steps by people name them in the chain without their address", () => {
  it.each([
    ["reviewer:ana@compliance.example", `reviewer:${sha256("ana@compliance.example")}`],
    ["requester", "requester"],
    [undefined, "system"],
  ])("R12: a step recorded with actor %s is audited as %s", async (actor, expected) => {
    const { makeRecordStepHandler } = await import("../../../activities/handlers/record-step");
    const record = aDemandRecord();
    const demands = new InMemoryDemandStore();
    await demands.create(record);
    const audit = new InMemoryAudit();
    const handler = makeRecordStepHandler(async () => ({ demands, audit }));
    await handler({ demandId: record.id, stepId: "s-1", at: TEST_NOW.toISOString(), step: "review decision: approve", ...(actor === undefined ? {} : { actor }) });
    expect(audit.entries.map((e) => e.actor)).toEqual([expected]);
    // The demand's own timeline (staff view) is unchanged by this: it is not the chain.
  });
});

describe("R12: a retried lifecycle step is audited once", () => {
  it("R12: recording a step, concluding and closing, each run twice (a retried activity), leave one entry each", async () => {
    const { makeRecordStepHandler } = await import("../../../activities/handlers/record-step");
    const { makeConcludeDemandHandler } = await import("../../../activities/handlers/conclude-demand");
    const { makeCloseDemandHandler } = await import("../../../activities/handlers/close-demand");
    const record = aDemandRecord();
    const demands = new InMemoryDemandStore();
    await demands.create(record);
    const audit = new InMemoryAudit();
    const counted: string[] = [];
    const record1 = makeRecordStepHandler(async () => ({ demands, audit }));
    const conclude = makeConcludeDemandHandler(async () => ({ demands, audit, counter: { countClosed: async (d) => void counted.push(d.id) } }));
    const close = makeCloseDemandHandler(async () => ({ demands, audit }));
    const at = TEST_NOW.toISOString();
    for (let run = 0; run < 2; run += 1) {
      await record1({ demandId: record.id, stepId: "s-1", at, step: "delivered" });
      await conclude({ demandId: record.id, at, key: `${record.id}:outcome`, outcome: "disclosed_non_content" });
      await close({ demandId: record.id, at, key: `${record.id}:close`, outcome: "disclosed_non_content" });
    }
    expect(audit.entries.map((e) => e.step)).toEqual(["delivered", "outcome", "closed"]);
  });
});
