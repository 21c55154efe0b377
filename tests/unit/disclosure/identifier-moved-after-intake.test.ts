import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { DEMO_ACCOUNTS } from "../../../scripts/demo-directory";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import { aDemandRecord, aSubmission } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "../intake/intake-fixture";
import { noticeHarness } from "../review/notice-harness";
import { aDemandWithScope, aScope, createDisclosureFixture } from "./disclosure-fixture";
import { MemoryPackageStore } from "./disclosure-fakes";

/**
 * R4/R5/R6: the reviewers, the redirect and the customer's notice were all about the customer an identifier reached
 * when the demand came in. If an administrator moves that identifier to another account or customer before the data
 * is collected (an address reassigned, a tenant merged), neither that other customer's notice nor its data may go
 * out on the strength of reviews that never saw it: a human has to look.
 */

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
    expect(stored?.record.owners).toEqual([{ identifier: account!.id, accountId: account!.accountId, tenantId: account!.tenantId, enterprise: false }]);
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
    const { directory } = await createDisclosureFixture(new MemoryPackageStore());
    await directory.upsertAccount({ ...pat, accountId: lee.accountId, tenantId: lee.tenantId });
    const { send, mails } = await noticeHarness({ ...aDemandRecord(), owners }, directory);
    await expect(send(patScope)).rejects.toThrow(/DIRECTORY_CHANGED/);
    expect(mails).toEqual([]);
  });
});
