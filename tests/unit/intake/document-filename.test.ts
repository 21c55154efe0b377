import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission, samplePdf } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

/**
 * R5: the document's file name is the name of the copy attached to the customer's notice. Control characters and the
 * bidirectional overrides (U+202E shows "warrant\u202Eexe.pdf" as "warrantfdp.exe") are not a file name: a 400 naming
 * the field, nothing stored. Names in any script are accepted.
 */
async function submitNamed(filename: string) {
  const fixture = await makeIntakeFixture();
  const handler = makeSubmitDemandHandler(async () => fixture.deps);
  const body = { ...aSubmission(), document: { filename, contentBase64: samplePdf.toString("base64") } };
  const response = await handler(aJsonPost(body, { authorization: `Bearer ${fixture.credential}`, "idempotency-key": "key-00000001" }), aContext());
  return { response, stored: fixture.demands.items.size + fixture.documents.items.size };
}

describe("the legal process document's file name", () => {
  it.each(["warrant\u202Eexe.pdf", "warrant\u2067exe\u2069.pdf", "war\rrant.pdf", "warrant\n.pdf", "warrant\u0000.pdf", "warrant\u0085.pdf"])("refuses %j", async (filename) => {
    const { response, stored } = await submitNamed(filename);
    expect(response.status).toBe(400);
    expect((jsonOf(response).errors as { path: string }[]).map((e) => e.path)).toEqual(["document.filename"]);
    expect(stored).toBe(0);
  });

  it.each(["צו חיפוש 2026.pdf", "Beschluß – Amtsgericht München.pdf", "令状 (写し).PDF", "O'Brien #12 + annex.pdf"])("accepts %j", async (filename) => {
    const { response } = await submitNamed(filename);
    expect(response.status).toBe(202);
  });
});
