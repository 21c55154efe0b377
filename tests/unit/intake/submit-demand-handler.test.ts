import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { setRequesterStatus, rotateCredential } from "../../../shared/use-cases/manage-requesters";
import { aSubmission } from "../../support/builders";
import { aContext, aJsonPost, aRequest, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";
import { periodOf } from "../../../shared/transparency/period";

async function setup() {
  const fixture = await makeIntakeFixture();
  const handler = makeSubmitDemandHandler(async () => fixture.deps);
  const headers = (key = "key-00000001") => ({ authorization: `Bearer ${fixture.credential}`, "idempotency-key": key });
  const post = (body: unknown, h: Record<string, string> = headers()) => handler(aJsonPost(body, h), aContext());
  return { ...fixture, handler, headers, post };
}

describe("POST /api/demands", () => {
  it("records a sound demand once, stores its PDF, and answers 202 with a Location", async () => {
    const { post, demands, documents, lifecycle } = await setup();
    const response = await post(aSubmission());
    expect(response.status).toBe(202);
    expect([...lifecycle.started]).toEqual([jsonOf(response).id]);
    const body = jsonOf(response);
    expect((response.headers as Record<string, string>).location).toBe(`http://localhost:7071/api/demands/${String(body.id)}`);
    expect(body.status).toBe("received");
    expect(body.categoriesAllowed).toEqual(["subscriber_info", "content_mail"]);
    expect(demands.items.size).toBe(1);
    expect([...documents.items.keys()][0]).toMatch(new RegExp(`^demands/${String(body.id)}/[0-9a-f]{64}-[0-9a-f-]{36}\\.pdf$`));
    expect(JSON.stringify(body)).not.toContain("pat@outlook.example");
  });

  it("accepts a legally defective demand for the record, as rejected with its reasons", async () => {
    const { post, demands, lifecycle } = await setup();
    const submission = aSubmission();
    delete submission.legalProcess.signature;
    const response = await post(submission);
    expect(response.status).toBe(202);
    const body = jsonOf(response);
    expect(body.status).toBe("rejected");
    expect(body.outcome).toBe("rejected");
    expect((body.rejection as { reason: string }[]).map((r) => r.reason)).toContain("unsigned_or_unauthorised");
    expect([...demands.items.values()][0]?.record.outcome).toBe("rejected");
    expect(lifecycle.started.size).toBe(1);
  });

  it("gives the same demand for the same key and body, and 409 for the same key with another body", async () => {
    const { post, demands } = await setup();
    const first = jsonOf(await post(aSubmission()));
    const again = await post(aSubmission());
    expect(again.status).toBe(202);
    expect(jsonOf(again).id).toBe(first.id);
    const other = await post(aSubmission({ categories: ["subscriber_info"] }));
    expect(other.status).toBe(409);
    expect(jsonOf(other).type).toMatch(/idempotency-key-reused$/);
    expect(demands.items.size).toBe(1);
    expect([...demands.items.values()][0]?.record.body.categories).toEqual(["subscriber_info", "content_mail"]);
  });

  it.each([
    ["no credential", {}, 401, "unauthenticated"],
    ["a malformed credential", { authorization: "Bearer nope" }, 401, "unauthenticated"],
    ["no idempotency key", "no-key", 400, "idempotency-key-missing"],
  ])("refuses %s", async (_name, variant, status, type) => {
    const { handler, headers, demands } = await setup();
    const h = variant === "no-key" ? { authorization: headers().authorization } : (variant as Record<string, string>);
    const response = await handler(aJsonPost(aSubmission(), h), aContext());
    expect(response.status).toBe(status);
    expect(jsonOf(response).type).toMatch(new RegExp(`${type}$`));
    expect(demands.items.size).toBe(0);
  });

  it("answers 403 for a suspended requester and a revoked one, and 401 for a rotated-out credential", async () => {
    const fixture = await setup();
    await setRequesterStatus(fixture.requesters, fixture.requesterId, "suspended", new Date());
    expect((await fixture.post(aSubmission())).status).toBe(403);
    await setRequesterStatus(fixture.requesters, fixture.requesterId, "active", new Date());
    const rotated = await rotateCredential(fixture.requesters, fixture.requesterId, new Date());
    expect((await fixture.post(aSubmission())).status).toBe(401);
    const withNew = await fixture.handler(
      aJsonPost(aSubmission(), { authorization: `Bearer ${rotated.credential}`, "idempotency-key": "key-00000001" }),
      aContext(),
    );
    expect(withNew.status).toBe(202);
    await setRequesterStatus(fixture.requesters, fixture.requesterId, "revoked", new Date());
    const revoked = await fixture.handler(
      aJsonPost(aSubmission(), { authorization: `Bearer ${rotated.credential}`, "idempotency-key": "key-00000002" }),
      aContext(),
    );
    expect(revoked.status).toBe(403);
    expect(jsonOf(revoked).type).toMatch(/requester-revoked$/);
  });

  it("lists every field problem of an invalid body and stores nothing", async () => {
    const { post, demands, documents } = await setup();
    const submission = aSubmission() as unknown as Record<string, unknown>;
    const response = await post({ ...submission, categories: ["everything"], dateRange: { from: "yesterday" }, surprise: true });
    expect(response.status).toBe(400);
    const body = jsonOf(response);
    expect(body.invocationId).toMatch(/^inv-/);
    const paths = (body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["categories.0", "dateRange.from"]));
    expect(JSON.stringify(body.errors)).toContain("surprise");
    expect(demands.items.size + documents.items.size).toBe(0);
  });

  it.each([
    ["a non-JSON media type", { "content-type": "text/plain" }, "{}", 415],
    ["invalid JSON", {}, "{not json", 400],
    ["a body over the limit", {}, JSON.stringify({ pad: "x".repeat(300 * 1024) }), 413],
  ])("answers %s with a problem", async (_name, extraHeaders, raw, status) => {
    const { handler, headers, demands } = await setup();
    const request = aRequest({ method: "POST", headers: { "content-type": "application/json", ...headers(), ...extraHeaders }, body: raw });
    const response = await handler(request, aContext());
    expect(response.status).toBe(status);
    expect((response.headers as Record<string, string>)["content-type"]).toBe("application/problem+json");
    expect(demands.items.size).toBe(0);
  });

  it("refuses a document that is not a PDF", async () => {
    const { post, demands, documents } = await setup();
    const submission = aSubmission();
    submission.document.contentBase64 = Buffer.from("GIF89a not a pdf").toString("base64");
    const response = await post(submission);
    expect(response.status).toBe(400);
    expect(JSON.stringify(jsonOf(response).errors)).toContain("document.contentBase64");
    expect(demands.items.size + documents.items.size).toBe(0);
  });
  it("R11: a demand that arrives before midnight UTC on 30 June is received, and counted, in that half-year however long intake's lookups take", async () => {
    const fixture = await makeIntakeFixture();
    let clock = Date.parse("2026-06-30T23:59:59.980Z");
    // Each directory read takes 50 ms of the clock, as a slow or throttled lookup would.
    const findAccounts = fixture.directory.findAccounts.bind(fixture.directory);
    fixture.directory.findAccounts = async (targets) => {
      clock += 50;
      return findAccounts(targets);
    };
    const handler = makeSubmitDemandHandler(async () => ({ ...fixture.deps, now: () => new Date(clock) }));
    const response = await handler(aJsonPost(aSubmission(), { authorization: `Bearer ${fixture.credential}`, "idempotency-key": "key-midnight-1" }), aContext());
    expect(response.status).toBe(202);
    const [stored] = [...fixture.demands.items.values()];
    expect(stored?.record.receivedAt).toBe("2026-06-30T23:59:59.980Z");
    expect(periodOf(stored?.record.receivedAt ?? "")).toBe("2026-H1");
  });
});
