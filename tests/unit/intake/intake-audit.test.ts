import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission, aTenant, anAccount } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

async function setup(agreements: { requesterCountry: string; dataRegion: string }[] = []) {
  const fixture = await makeIntakeFixture();
  fixture.deps.agreements = agreements;
  // An enterprise customer whose content is stored in Germany.
  const fabrikam = aTenant({ name: "Fabrikam GmbH", kind: "organisation", seats: 400, commercialService: true, dataCountry: "DE", adminContacts: [{ name: "Legal", email: "legal@fabrikam.example" }] });
  await fixture.directory.upsertTenant(fabrikam);
  await fixture.directory.upsertAccount(anAccount({ tenantId: fabrikam.id, identifierValue: "ceo@fabrikam.example", holderEmail: "ceo@fabrikam.example" }));
  const handler = makeSubmitDemandHandler(async () => fixture.deps);
  const post = (body: unknown, key = "key-audit-0001") => handler(aJsonPost(body, { authorization: `Bearer ${fixture.credential}`, "idempotency-key": key }), aContext());
  return { ...fixture, post };
}

const toFabrikam = { targets: [{ type: "email" as const, value: "ceo@fabrikam.example" }] };

describe("intake starts the audit chain (R12) and records cross-border verdicts", () => {
  it("a sound demand: receipt with the document's hash, then the verdict; a retry adds nothing", async () => {
    const { post, audit } = await setup();
    const id = String(jsonOf(await post(aSubmission())).id);
    await post(aSubmission());
    expect(audit.steps(id)).toEqual(["received", "validated"]);
    const [received] = await audit.list(id);
    expect(received?.documentDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await audit.list(id))).not.toContain("pat@outlook.example");
  });

  it("a US authority's direct order for content stored in Germany, no agreement: rejected as exceeding authority (MLAT), audited", async () => {
    const { post, audit } = await setup();
    const body = jsonOf(await post(aSubmission(toFabrikam)));
    expect(body.status).toBe("rejected");
    expect(body.rejection).toEqual([expect.objectContaining({ reason: "exceeds_authority", explanation: expect.stringContaining("MLAT") })]);
    expect(audit.steps(String(body.id))).toEqual(["received", "rejected"]);
    expect((await audit.list(String(body.id)))[1]?.detail).toContain("exceeds_authority");
  });

  it("under an agreement, the GDPR conflict is flagged on the plan and in the chain, although the demand is redirected and no reviewer sees it yet", async () => {
    const { post, audit, demands } = await setup([{ requesterCountry: "US", dataRegion: "EU_EEA" }]);
    const body = jsonOf(await post(aSubmission(toFabrikam)));
    expect(body.status).toBe("received");
    expect(body.redirect).toBe(true);
    const record = (await demands.get(String(body.id)))!.record;
    expect(record.plan?.conflictOfLaws).toEqual({ dataCountries: ["DE"], requesterCountry: "US", explanation: expect.stringContaining("GDPR") });
    const validated = (await audit.list(String(body.id))).find((e) => e.step === "validated");
    expect(validated?.detail).toContain("redirect to the enterprise customer");
    expect(validated?.detail).toContain("conflict of laws flagged for challenge");
    expect(validated?.detail).toContain("DE");
  });
});
