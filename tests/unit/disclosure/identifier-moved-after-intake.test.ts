import { describe, expect, it } from "vitest";
import { makeSendCustomerNoticeHandler } from "../../../activities/handlers/send-customer-notice";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { DEMO_ACCOUNTS } from "../../../scripts/demo-directory";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import type { EffectLedger } from "../../../shared/ports/effect-ledger";
import type { MailMessage } from "../../../shared/ports/mailer";
import { aDemandRecord, aSubmission, samplePdf, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, InMemoryDocumentStore } from "../../support/fakes";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "../intake/intake-fixture";
import { InMemoryAudit } from "../review/review-fixture";
import { aDemandWithScope, aScope, createDisclosureFixture } from "./disclosure-fixture";
import { MemoryPackageStore } from "./disclosure-fakes";

/**
 * R4/R5/R6: the reviewers, the redirect and the customer's notice were all about the customer an identifier reached
 * when the demand came in. If an administrator moves that identifier to another account or customer before the data
 * is collected (an address reassigned, a tenant merged), neither that other customer's notice nor its data may go
 * out on the strength of reviews that never saw it: a human has to look.
 */

class OnceLedger implements EffectLedger {
  readonly done = new Map<string, unknown>();
  async once<T>(key: string, effect: () => Promise<T>): Promise<T> {
    if (!this.done.has(key)) this.done.set(key, await effect());
    return this.done.get(key) as T;
  }
}

const pat = DEMO_ACCOUNTS.find((a) => a.identifierValue === "pat@outlook.example")!;
const lee = DEMO_ACCOUNTS.find((a) => a.identifierValue === "lee@outlook.example")!;
const patScope = aScope([{ type: "email", value: "pat@outlook.example" }], ["subscriber_info", "content_mail"]);
const owners: NonNullable<DemandRecord["owners"]> = [{ identifier: pat.id, accountId: pat.accountId, tenantId: pat.tenantId }];

describe("R6: an identifier moved to another customer after intake", () => {
  it("R6: intake records the account and customer each identifier reached", async () => {
    const fixture = await makeIntakeFixture();
    const [account] = await fixture.directory.findAccounts([{ type: "email", value: "pat@outlook.example" }]);
    const response = await makeSubmitDemandHandler(async () => fixture.deps)(
      aJsonPost(aSubmission(), { authorization: `Bearer ${fixture.credential}`, "idempotency-key": "key-00000001" }),
      aContext(),
    );
    expect(response.status).toBe(202);
    const stored = await fixture.demands.get(String(jsonOf(response).id));
    expect(stored?.record.owners).toEqual([{ identifier: account!.id, accountId: account!.accountId, tenantId: account!.tenantId }]);
  });

  it("R6: nothing is collected or released when the identifier now reaches another account", async () => {
    const store = new MemoryPackageStore();
    const fixture = await createDisclosureFixture(store);
    const demand = { ...aDemandWithScope(fixture.requester.id, patScope), owners };
    // Pat's address is reassigned to Lee's account after intake.
    await fixture.directory.upsertAccount({ ...pat, accountId: lee.accountId, tenantId: lee.tenantId });
    await expect(fixture.service.disclose(demand, patScope)).rejects.toThrow(/^DIRECTORY_CHANGED: /);
    expect(store.records.get(demand.id)).toBeUndefined();
    expect(store.committed.size).toBe(0);
  });

  it("R6: an unchanged directory discloses as before", async () => {
    const store = new MemoryPackageStore();
    const fixture = await createDisclosureFixture(store);
    const demand = { ...aDemandWithScope(fixture.requester.id, patScope), owners };
    const result = await fixture.service.disclose(demand, patScope);
    expect(result.itemCount).toBeGreaterThan(0);
  });

  it("R5: no notice goes to a customer the identifier reaches only since intake", async () => {
    const record = { ...aDemandRecord(), owners };
    const demands = new InMemoryDemandStore();
    await demands.create(record);
    const documents = new InMemoryDocumentStore();
    await documents.put(record.document.blobName, samplePdf);
    const { directory } = await createDisclosureFixture(new MemoryPackageStore());
    await directory.upsertAccount({ ...pat, accountId: lee.accountId, tenantId: lee.tenantId });
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
    await expect(handler({ demandId: record.id, effectKey: "n-1", delayed: false, scope: patScope })).rejects.toThrow(/DIRECTORY_CHANGED/);
    expect(mails).toEqual([]);
  });
});
