import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission } from "../../support/builders";
import { aContext, aRequest } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

type Json = Record<string, unknown>;

/** Ways to break a valid submission so the schema must refuse it (legal defects are in intake-boundary.test.ts). */
const mutations: fc.Arbitrary<(s: Json) => Json>[] = [
  fc.constantFrom("requester", "legalProcess", "categories", "dateRange", "document").map((key) => (s: Json) => {
    const copy = { ...s };
    delete copy[key];
    return copy;
  }),
  fc.tuple(fc.constantFrom("requester", "legalProcess", "targets", "categories", "dateRange", "document", "secrecyOrder"), fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.string({ maxLength: 5 })))
    .map(([key, value]) => (s: Json) => ({ ...s, [key]: value })),
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in aSubmission()) && !["__proto__", "constructor"].includes(k))
    .map((key) => (s: Json) => ({ ...s, [key]: "extra" })),
  // An empty date is a legal defect (wrong dates), not an unreadable body.
  fc.string({ minLength: 1, maxLength: 12 }).filter((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v))
    .map((v) => (s: Json) => ({ ...s, dateRange: { from: v, to: "2026-01-01" } })),
  fc.string({ maxLength: 12 }).filter((v) => !["subscriber_info", "ip_history", "billing", "content_mail", "content_files", "content_messages"].includes(v))
    .map((v) => (s: Json) => ({ ...s, categories: [v] })),
  fc.constantFrom("!!!", "", "not base64 at all", Buffer.from("hello world, not a pdf").toString("base64"))
    .map((content) => (s: Json) => ({ ...s, document: { filename: "x.pdf", contentBase64: content } })),
  fc.constantFrom(new Array(1001).fill({ type: "email", value: "a@b.example" }), [{ type: "fax", value: "1" }], [{ type: "email" }])
    .map((targets) => (s: Json) => ({ ...s, targets })),
];

const badBodies = fc.oneof(
  fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 4 }).map((fs) => JSON.stringify(fs.reduce((s, f) => f(s), aSubmission() as unknown as Json))),
  fc.jsonValue().filter((v) => typeof v !== "object" || v === null || Array.isArray(v) || !("document" in v)).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
);

describe("intake under malformed input (property)", () => {
  it("always answers 4xx problem+json, never 5xx, and stores nothing", async () => {
    const fixture = await makeIntakeFixture();
    const handler = makeSubmitDemandHandler(async () => fixture.deps);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(badBodies, fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", ""), async (raw, contentType) => {
        n += 1;
        const headers: Record<string, string> = { authorization: `Bearer ${fixture.credential}`, "idempotency-key": `fuzz-key-${n}` };
        if (contentType !== "") headers["content-type"] = contentType;
        const response = await handler(aRequest({ method: "POST", headers, body: raw }), aContext());
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect((response.headers as Record<string, string>)["content-type"]).toBe("application/problem+json");
        expect(fixture.demands.items.size).toBe(0);
        expect(fixture.documents.items.size).toBe(0);
      }),
      { numRuns: 3000 },
    );
  });
});
