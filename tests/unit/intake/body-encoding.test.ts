import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission } from "../../support/builders";
import { aContext, aRequest, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

async function post(body: Buffer) {
  const fixture = await makeIntakeFixture();
  const handler = makeSubmitDemandHandler(async () => fixture.deps);
  const headers = { "content-type": "application/json", authorization: `Bearer ${fixture.credential}`, "idempotency-key": "key-00000001" };
  const response = await handler(aRequest({ method: "POST", headers, body }), aContext());
  return { response, fixture };
}

describe("POST /api/demands body encoding (RFC 8259: JSON travels as UTF-8)", () => {
  it("refuses a body that is not UTF-8 (a Latin-1 'é') with a 400 naming the body, and stores nothing", async () => {
    const submission = aSubmission();
    const latin1 = Buffer.from(JSON.stringify({ ...submission, legalProcess: { ...submission.legalProcess, reference: "Réf-2026-0042" } }), "latin1");
    const { response, fixture } = await post(latin1);
    expect(response.status).toBe(400);
    expect((response.headers as Record<string, string>)["content-type"]).toBe("application/problem+json");
    expect(jsonOf(response).type).toMatch(/validation-failed$/);
    expect(jsonOf(response).errors).toEqual([{ path: "(body)", message: expect.stringMatching(/UTF-8/) }]);
    expect(fixture.demands.items.size + fixture.documents.items.size).toBe(0);
  });

  it("keeps international characters sent as UTF-8", async () => {
    const submission = aSubmission();
    const utf8 = Buffer.from(JSON.stringify({ ...submission, legalProcess: { ...submission.legalProcess, reference: "Réf-2026-0042 Łódź 東京" } }), "utf8");
    const { response, fixture } = await post(utf8);
    expect(response.status).toBe(202);
    expect([...fixture.demands.items.values()][0]?.record.body.legalProcess.reference).toBe("Réf-2026-0042 Łódź 東京");
  });
});
