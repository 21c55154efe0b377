import { SpanKind, trace } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { itemName } from "../../../shared/collection/data-layout";
import { redactUrl } from "../../../shared/telemetry/redact";
import { installTelemetry } from "./telemetry-harness";

// A customer's item in the documented blob layout (docs/customer-data.md): "<account>/<category>/<day>/<item name>".
// The account id and the item's name (a file the customer named) are customer data; neither may reach telemetry.
const ACCOUNT_ID = "pat.doe";
const FILE_NAME = "Divorce_settlement.pdf";
const BLOB_URL = `https://custdata.blob.core.windows.net/customer-data/${itemName(ACCOUNT_ID, "content_files", "2025-03-01", FILE_NAME)}`;
// A tenant of the directory, by the id an administrator gave it (the organisation's name), read from Cosmos DB.
const TENANT_URL = "https://cosmos-abc.documents.azure.com/dbs/lawful-requests/colls/tenants/docs/northwind-traders";

let harness: ReturnType<typeof installTelemetry>;
beforeEach(() => {
  harness = installTelemetry();
});
afterEach(async () => {
  await harness.uninstall();
});

describe("URLs of customer data in instrumentation spans", () => {
  it("redactUrl keeps neither the account nor the item name of a customer-data blob", () => {
    const scrubbed = redactUrl(BLOB_URL);
    expect(scrubbed).not.toContain(ACCOUNT_ID);
    expect(scrubbed).not.toContain("Divorce");
    expect(scrubbed.startsWith("https://custdata.blob.core.windows.net/customer-data/")).toBe(true);
  });

  it("redactUrl keeps no document id of a Cosmos DB point read (a tenant's id names the customer)", () => {
    expect(redactUrl(TENANT_URL)).toBe("https://cosmos-abc.documents.azure.com/dbs/lawful-requests/colls/tenants/docs/[redacted]");
  });

  it("the app's own admin route keeps no tenant id in a server span's path", () => {
    const span = trace.getTracer("@opentelemetry/instrumentation-http").startSpan("GET", {
      kind: SpanKind.SERVER,
      attributes: { "http.request.method": "GET", "url.path": "/api/manage/tenants/northwind-traders", "http.target": "/api/manage/tenants/northwind-traders" },
    });
    span.end();
    const [exported] = harness.spans.getFinishedSpans();
    expect(exported?.attributes).toEqual({ "http.request.method": "GET", "url.path": "/api/manage/tenants/[redacted]", "http.target": "/api/manage/tenants/[redacted]" });
  });

  it("an Azure SDK download span of a customer item is exported without the account or the file name", () => {
    const span = trace.getTracer("@azure/storage-blob").startSpan("BlobClient-download", {
      kind: SpanKind.CLIENT,
      attributes: { "http.request.method": "GET", "server.address": "custdata.blob.core.windows.net", "url.full": BLOB_URL },
    });
    span.end();
    const text = JSON.stringify(harness.spans.getFinishedSpans().map(({ name, attributes }) => ({ name, attributes })));
    expect(text).not.toContain(ACCOUNT_ID);
    expect(text).not.toContain("Divorce");
  });
});
