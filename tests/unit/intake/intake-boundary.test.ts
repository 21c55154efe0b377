import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { minimalPdf } from "../../../scripts/minimal-pdf";
import { aSubmission } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Mutate = (s: Json) => void;
/** 400 naming a field path, or a recorded rejection carrying (at least) these R3 reasons. */
type Expect = { unreadable: string } | { rejected: string[] };

const b64 = (text: string) => Buffer.from(text, "latin1").toString("base64");

// The line between "cannot be read as a demand" (400, nothing stored) and "a demand with a legal defect" (202,
// recorded, rejected with its reasons). Both sides of each pair are here so schema and policy cannot drift apart.
const ROWS: [name: string, mutate: Mutate, expected: Expect][] = [
  // Unreadable: wrong types, unknown fields, malformed values, not a PDF.
  ["targets is not a list", (s) => (s.targets = "a@b.example"), { unreadable: "targets" }],
  ["a target of an unknown type", (s) => (s.targets = [{ type: "fax", value: "1" }]), { unreadable: "targets.0.type" }],
  ["a target without its value", (s) => (s.targets = [{ type: "email" }]), { unreadable: "targets.0.value" }],
  ["an unknown field", (s) => (s.priority = "high"), { unreadable: "(body)" }],
  ["an unknown field in the process", (s) => (s.legalProcess.judge = "x"), { unreadable: "legalProcess" }],
  ["a date that is not a date", (s) => (s.dateRange.from = "01/02/2026"), { unreadable: "dateRange.from" }],
  ["an impossible date", (s) => (s.legalProcess.issuedOn = "2026-02-30"), { unreadable: "legalProcess.issuedOn" }],
  ["a date of the wrong type", (s) => (s.legalProcess.issuedOn = 20261101), { unreadable: "legalProcess.issuedOn" }],
  ["a signature that is not an object", (s) => (s.legalProcess.signature = "J. Doe"), { unreadable: "legalProcess.signature" }],
  ["emergency details of the wrong type", (s) => (s.emergency = true), { unreadable: "emergency" }],
  ["an emergency summary of the wrong type", (s) => { s.legalProcess.kind = "emergency_request"; s.emergency = { onOfficialLetterhead: true, signingAuthority: "Chief", kind: "death", summary: 1, howDataHelps: "x" }; }, { unreadable: "emergency.summary" }],
  ["an over-long emergency summary", (s) => { s.legalProcess.kind = "emergency_request"; s.emergency = { onOfficialLetterhead: true, signingAuthority: "Chief", kind: "death", summary: "x".repeat(4001), howDataHelps: "x" }; }, { unreadable: "emergency.summary" }],
  ["more than 1000 targets", (s) => (s.targets = Array.from({ length: 1001 }, (_, i) => ({ type: "email", value: `u${i}@b.example` }))), { unreadable: "targets" }],
  ["a document that only starts with %PDF-", (s) => (s.document.contentBase64 = b64("%PDF-1.4\n% not really\n%%EOF\n")), { unreadable: "document.contentBase64" }],
  ["a document with a header and %%EOF but no xref", (s) => (s.document.contentBase64 = b64("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")), { unreadable: "document.contentBase64" }],
  ["a PDF whose startxref points nowhere", (s) => (s.document.contentBase64 = b64(minimalPdf("x").toString("latin1").replace(/startxref\n\d+/, "startxref\n99999"))), { unreadable: "document.contentBase64" }],
  ["a PDF truncated before %%EOF", (s) => (s.document.contentBase64 = minimalPdf("x").subarray(0, 300).toString("base64")), { unreadable: "document.contentBase64" }],
  ["a GIF", (s) => (s.document.contentBase64 = b64("GIF89a not a pdf")), { unreadable: "document.contentBase64" }],
  // Readable but legally defective: recorded and rejected with every reason that applies.
  ["no identifiers (empty list)", (s) => (s.targets = []), { rejected: ["overly_broad"] }],
  ["no identifiers (field absent)", (s) => delete s.targets, { rejected: ["overly_broad"] }],
  ["no signature", (s) => delete s.legalProcess.signature, { rejected: ["unsigned_or_unauthorised"] }],
  ["an empty date of issue", (s) => (s.legalProcess.issuedOn = ""), { rejected: ["wrong_dates"] }],
  ["no date of issue", (s) => delete s.legalProcess.issuedOn, { rejected: ["wrong_dates"] }],
  ["an empty signature date", (s) => (s.legalProcess.signature.signedOn = ""), { rejected: ["wrong_dates"] }],
  ["an empty range start", (s) => (s.dateRange.from = ""), { rejected: ["wrong_dates"] }],
  ["an empty range end", (s) => (s.dateRange.to = ""), { rejected: ["wrong_dates"] }],
  ["no range end", (s) => delete s.dateRange.to, { rejected: ["wrong_dates"] }],
  ["an emergency without its summary", (s) => { s.legalProcess.kind = "emergency_request"; s.legalProcess.signature.role = "law_enforcement_officer"; s.categories = ["subscriber_info"]; s.emergency = { onOfficialLetterhead: true, signingAuthority: "Chief of Police", kind: "death", howDataHelps: "It locates the caller." }; }, { rejected: ["facially_invalid"] }],
  ["an emergency with an empty explanation", (s) => { s.legalProcess.kind = "emergency_request"; s.legalProcess.signature.role = "law_enforcement_officer"; s.categories = ["subscriber_info"]; s.emergency = { onOfficialLetterhead: true, signingAuthority: "Chief of Police", kind: "death", summary: "A caller threatened to harm a child.", howDataHelps: " " }; }, { rejected: ["facially_invalid"] }],
  ["an emergency request without emergency details", (s) => { s.legalProcess.kind = "emergency_request"; s.legalProcess.signature.role = "law_enforcement_officer"; s.categories = ["subscriber_info"]; }, { rejected: ["facially_invalid"] }],
  ["no identifiers, no signature and no dates at once", (s) => { s.targets = []; delete s.legalProcess.signature; s.legalProcess.issuedOn = ""; s.dateRange = {}; }, { rejected: ["overly_broad", "unsigned_or_unauthorised", "wrong_dates"] }],
];

describe("intake boundary: unreadable (400) versus legally defective (recorded, rejected)", () => {
  it.each(ROWS)("%s", async (_name, mutate, expected) => {
    const fixture = await makeIntakeFixture();
    const handler = makeSubmitDemandHandler(async () => fixture.deps);
    const submission = structuredClone(aSubmission()) as Json;
    mutate(submission);
    const response = await handler(aJsonPost(submission, { authorization: `Bearer ${fixture.credential}`, "idempotency-key": "key-boundary-1" }), aContext());
    const body = jsonOf(response);
    if ("unreadable" in expected) {
      expect(response.status).toBe(400);
      expect((body.errors as { path: string }[]).map((e) => e.path)).toContain(expected.unreadable);
      expect(fixture.demands.items.size).toBe(0);
      expect(fixture.documents.items.size).toBe(0);
      expect(fixture.lifecycle.started.size).toBe(0);
    } else {
      expect(response.status).toBe(202);
      expect(body.status).toBe("rejected");
      const reasons = (body.rejection as { reason: string }[]).map((r) => r.reason);
      for (const reason of expected.rejected) expect(reasons).toContain(reason);
      expect(fixture.demands.items.size).toBe(1);
      expect(fixture.documents.items.size).toBe(1);
      // Rejected demands run their lifecycle too: it tells the requester, audits, closes and counts them.
      expect(fixture.lifecycle.started.size).toBe(1);
    }
  });

  it("accepts the well-formed PDF the builders make, and one with an xref stream", async () => {
    const { pdfStructureProblem } = await import("../../../shared/use-cases/pdf-structure");
    expect(pdfStructureProblem(minimalPdf("x"))).toBeNull();
    const head = "%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
    const xrefStream = `2 0 obj\n<< /Type /XRef /Size 3 /Root 1 0 R /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\n`;
    const pdf = `${head}${xrefStream}startxref\n${head.length}\n%%EOF\n`;
    expect(pdfStructureProblem(Buffer.from(pdf, "latin1"))).toBeNull();
  });
});

describe("the error's field list names each constraint the OpenAPI document states", () => {
  it.each([
    ["an over-long agency", (s: Json) => (s.requester.agency = "x".repeat(201)), "requester.agency", /200/],
    ["a malformed country", (s: Json) => (s.requester.country = "usa"), "requester.country", /ISO 3166-1 alpha-2/],
    ["a malformed date", (s: Json) => (s.dateRange.from = "2026-1-1"), "dateRange.from", /date/i],
    ["a file name that is not .pdf", (s: Json) => (s.document.filename = "warrant.doc"), "document.filename", /\.pdf/],
  ])("%s", async (_name, mutate, path, message) => {
    const fixture = await makeIntakeFixture();
    const handler = makeSubmitDemandHandler(async () => fixture.deps);
    const submission = structuredClone(aSubmission()) as Json;
    mutate(submission);
    const response = await handler(aJsonPost(submission, { authorization: `Bearer ${fixture.credential}`, "idempotency-key": "key-boundary-1" }), aContext());
    const errors = jsonOf(response).errors as { path: string; message: string }[];
    expect(errors.find((e) => e.path === path)?.message).toMatch(message);
  });

  it("a malformed Idempotency-Key is named with its pattern", async () => {
    const fixture = await makeIntakeFixture();
    const handler = makeSubmitDemandHandler(async () => fixture.deps);
    const response = await handler(aJsonPost(aSubmission(), { authorization: `Bearer ${fixture.credential}`, "idempotency-key": "short" }), aContext());
    expect(response.status).toBe(400);
    expect(jsonOf(response).errors).toEqual([{ path: "Idempotency-Key", message: "must match ^[A-Za-z0-9._:-]{8,128}$" }]);
  });
});
