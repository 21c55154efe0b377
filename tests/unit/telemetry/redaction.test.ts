import { SpanKind, trace } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countLifecycleStep } from "../../../shared/telemetry/lifecycle-metrics";
import { redact, redactUrl } from "../../../shared/telemetry/redact";
import { safeAttributes } from "../../../shared/telemetry/safe-attributes";
import { traceActivity } from "../../../shared/telemetry/trace-activity";
import { withSpan } from "../../../shared/telemetry/with-span";
import { installTelemetry } from "./telemetry-harness";

// Identifiers, customer data and secrets of every kind the app handles; none may reach telemetry.
const SECRETS = {
  email: "alice.customer@example.com",
  phone: "+1 (555) 010-9999",
  ipv4: "203.0.113.77",
  ipv6: "2001:db8:85a3::8a2e:370:7334",
  credential: "lrw1.req-7f3a.cred-19bc.Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV4cXV1eHF1dXo",
  sasUrl: "https://stacct.blob.core.windows.net/packages/pkg-42.lrwp?sv=2024-11-04&se=2026-12-01&sp=r&sig=AbCdEf0123456789%2B%2Fxyz%3D",
  webhookUrl: "https://prod-12.westus.logic.azure.com/workflows/4f2a9c/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sv=1.0&sig=Q1w2E3r4T5y6U7i8O9p0",
  reviewToken: "eyJhbGciOiJIUzI1NiJ9.eyJyZXZpZXdlciI6ImJlbiJ9.c2lnbmF0dXJlLWJ5dGVz",
  base64Blob: "U2VjcmV0IGRvY3VtZW50IGJvZHkgd2l0aCBjdXN0b21lciBkYXRh",
  accountId: "acct-000123456",
  demandId: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b",
  username: "jdoe_private",
  mailBody: "Dear Alice, your mailbox contents",
};
// Fragments that would betray a leak even when partly rewritten.
/** What an exporter reads from a finished span. */
function exportedSpans() {
  return harness.spans.getFinishedSpans().map(({ name, attributes, events, status, links }) => ({ name, attributes, events, status, links }));
}

const FRAGMENTS = ["alice", "010-9999", "203.0.113", "2001:db8", "lrw1.", "sig=", "AbCdEf0123", "Q1w2E3r4", "eyJ", "U2VjcmV0", "000123456", "6f1d2c3b", "jdoe", "mailbox", "pkg-42", "4f2a9c"];

function assertNoLeak(exported: unknown): void {
  const text = JSON.stringify(exported);
  expect(text.length).toBeGreaterThan(2);
  for (const fragment of FRAGMENTS) expect(text, `telemetry contains "${fragment}"`).not.toContain(fragment);
}

let harness: ReturnType<typeof installTelemetry>;
beforeEach(() => {
  harness = installTelemetry();
});
afterEach(async () => {
  await harness.uninstall();
});

describe("the app's spans and metrics", () => {
  it("carry allow-listed attributes with safe values, and nothing else", async () => {
    await withSpan("review request", { step: "review", outcome: "approved", round: 2, kind: "content_mail", count: 3 }, () => undefined);
    const [span] = harness.spans.getFinishedSpans();
    expect(span?.name).toBe("review request");
    expect(span?.attributes).toEqual({ step: "review", outcome: "approved", round: 2, kind: "content_mail", count: 3 });
  });

  it("drop unknown keys and redact identifier values under known keys", async () => {
    await withSpan(
      `notify ${SECRETS.email}`,
      {
        step: SECRETS.email,
        outcome: SECRETS.phone,
        status: SECRETS.ipv4,
        reason: SECRETS.ipv6,
        kind: SECRETS.credential,
        category: SECRETS.accountId,
        transport: SECRETS.sasUrl,
        trigger: SECRETS.base64Blob,
        round: SECRETS.demandId,
        username: SECRETS.username,
        customerEmail: SECRETS.email,
        body: SECRETS.mailBody,
        url: SECRETS.webhookUrl,
        token: SECRETS.reviewToken,
      },
      (notes) => notes.set({ outcome: SECRETS.email, account: SECRETS.accountId }),
    );
    const [span] = harness.spans.getFinishedSpans();
    expect(span?.name).toBe("[redacted]");
    expect(Object.keys(span?.attributes ?? {}).sort()).toEqual(["category", "kind", "outcome", "reason", "round", "status", "step", "transport", "trigger"]);
    expect(new Set(Object.values(span?.attributes ?? {}))).toEqual(new Set(["[redacted]"]));
    assertNoLeak(exportedSpans());
  });

  it("record a failure by error type only: the message, which may quote customer data, stays out", async () => {
    class LookupFailed extends Error {
      override name = "LookupFailed";
    }
    const failure = new LookupFailed(`no account for ${SECRETS.email} at ${SECRETS.ipv4}`);
    await expect(traceActivity("collectScope", () => Promise.reject(failure))).rejects.toBe(failure);
    const [span] = harness.spans.getFinishedSpans();
    expect(span?.attributes).toEqual({ activity: "collectScope", "error.type": "LookupFailed" });
    expect(span?.status).toEqual({ code: 2 });
    expect(span?.events).toEqual([]);
    assertNoLeak(exportedSpans());
  });

  it("count lifecycle steps and time activities with safe attributes only", async () => {
    countLifecycleStep("review", "approved");
    countLifecycleStep(SECRETS.email, SECRETS.phone);
    await traceActivity("sealPackage", () => "sealed");
    const collected = await harness.collectMetrics();
    const steps = collected.find((m) => m.name === "lrw.lifecycle.steps")?.points.map((p) => p.attributes);
    expect(steps).toEqual(expect.arrayContaining([{ step: "review", outcome: "approved" }, { step: "[redacted]", outcome: "[redacted]" }]));
    const durations = collected.find((m) => m.name === "lrw.activity.duration")?.points.map((p) => p.attributes);
    expect(durations).toEqual([{ activity: "sealPackage", outcome: "success" }]);
    assertNoLeak(collected);
  });
});

describe("spans made by instrumentations (HTTP, Azure SDK)", () => {
  it("are scrubbed before export: URLs lose queries and id segments, unknown attributes and exception messages go", () => {
    const tracer = trace.getTracer("@opentelemetry/instrumentation-http");
    const span = tracer.startSpan(`GET /api/review/${SECRETS.reviewToken}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        "http.request.method": "POST",
        "http.response.status_code": 202,
        "url.full": SECRETS.webhookUrl,
        "http.url": SECRETS.sasUrl,
        "url.path": `/api/review/${SECRETS.reviewToken}`,
        "server.address": "stacct.blob.core.windows.net",
        "db.query.text": `SELECT * FROM c WHERE c.email = '${SECRETS.email}'`,
        "enduser.id": SECRETS.username,
        "client.address": SECRETS.ipv4,
        "http.request.header.authorization": `Bearer ${SECRETS.credential}`,
      },
    });
    span.recordException(new Error(`upload failed for ${SECRETS.email}: ${SECRETS.base64Blob}`));
    span.setStatus({ code: 2, message: `account ${SECRETS.accountId} not found` });
    span.end();

    const [exported] = harness.spans.getFinishedSpans();
    expect(exported?.attributes).toEqual({
      "http.request.method": "POST",
      "http.response.status_code": 202,
      "url.full": "https://prod-12.westus.logic.azure.com/workflows/[redacted]/triggers/manual/paths/invoke?[redacted]",
      "http.url": "https://stacct.blob.core.windows.net/packages/[redacted]?[redacted]",
      "url.path": "/api/review/[redacted]",
      "server.address": "stacct.blob.core.windows.net",
    });
    expect(exported?.events.map((e) => e.attributes)).toEqual([{ "exception.type": "Error" }]);
    expect(exported?.status.message).toBeUndefined();
    assertNoLeak(exportedSpans());
  });
});

describe("redact", () => {
  it.each(Object.entries(SECRETS).filter(([kind]) => kind !== "mailBody" && kind !== "username"))("removes a %s from free text", (_kind, secret) => {
    const scrubbed = redact(`before ${secret} after`);
    expect(scrubbed).toMatch(/^before .*\[redacted\].* after$/);
    for (const fragment of FRAGMENTS) expect(scrubbed).not.toContain(fragment);
  });

  it("leaves plain words alone", () => {
    expect(redact("BlobClient-upload lawful-requests transparency-reports")).toBe("BlobClient-upload lawful-requests transparency-reports");
    expect(redactUrl("https://cosmos-abc.documents.azure.com/dbs/lawful-requests/colls/demands")).toBe(
      "https://cosmos-abc.documents.azure.com/dbs/lawful-requests/colls/demands",
    );
  });

  it("lets only counts through count keys", () => {
    expect(safeAttributes({ round: 2, count: -1, attempt: 1.5, categories: "3" })).toEqual({ round: 2, count: "[redacted]", attempt: "[redacted]", categories: "[redacted]" });
  });
});
