import { describe, expect, it } from "vitest";
import { makeReviewPageHandler } from "../../../functions/handlers/review-page-handler";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import { aDemandBody, anAccount, aTenant } from "../../support/builders";
import { InMemoryCustomerDirectory } from "../../support/fakes";
import { aContext } from "../../support/http";
import { noticeHarness, noticeScope } from "./notice-harness";
import { aPageGet, aReviewedDemand, aReviewWorld } from "./review-fixture";

/**
 * R5/R8: the court or authority that issued the legal process (and a secrecy order's court) is what the requester
 * typed; nobody at the provider has verified it. The review page and the customer's notice give it as stated in the
 * demand, as they do for the agency the demand names, never as a fact the provider vouches for.
 */

const COURT = "Supreme Court of the United States";

function demandNaming(issuingAuthority: string): DemandRecord {
  const body = aDemandBody();
  return aReviewedDemand({
    body: { ...body, legalProcess: { ...body.legalProcess, issuingAuthority } },
    reviewRounds: [{ round: "review-1", kind: "approval", open: true, decidedBy: [] }],
    secrecyOrders: [{ order: { reference: "NDO-9", issuingCourt: "Court of Nowhere", issuedOn: "2026-11-01", expiresOn: "2027-05-01" }, addedAt: "2026-11-20T12:00:00.000Z", lifted: false }],
  });
}

describe("R5: the issuing court is shown as the demand states it", () => {
  it("R5: the review page says the legal process was issued by the court as stated in the demand, and a secrecy order's court as stated in its filing", async () => {
    const record = demandNaming(COURT);
    const world = await aReviewWorld(record);
    const { cookie } = await world.sessionFor("ana@compliance.example");
    const response = await makeReviewPageHandler(world.resolve)(aPageGet(record.id, cookie), aContext());
    const page = String(response.body);
    expect(page).toContain(`issued by ${COURT} (as stated in the demand)`);
    expect(page).not.toMatch(new RegExp(`issued by ${COURT}</dd>`));
    expect(page).toContain("Court of Nowhere, as stated in the filing");
  });

  it("R5: the customer's notice says the legal process was issued by the court as stated in the demand", async () => {
    const directory = new InMemoryCustomerDirectory();
    const tenant = aTenant();
    await directory.upsertTenant(tenant);
    await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "pat@outlook.example", holderEmail: "pat@outlook.example" }));
    const { send, mails } = await noticeHarness({ ...demandNaming(COURT), secrecyOrders: [] }, directory);
    await send(noticeScope("pat@outlook.example"));
    const text = mails[0]!.text;
    expect(text).toContain(`issued by ${COURT} (as stated in the demand)`);
    for (const line of text.split(/\r?\n/).filter((l) => l.includes(COURT))) expect(line).toContain("(as stated in the demand)");
  });
});
