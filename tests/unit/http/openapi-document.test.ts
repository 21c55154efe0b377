import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Every app.http(...) in functions/, captured as the Functions runtime would see it.
const registered = vi.hoisted(() => [] as { name: string; route: string; methods: string[]; authLevel: string }[]);
vi.mock("@azure/functions", async (importOriginal) => {
  const original = await importOriginal<typeof import("@azure/functions")>();
  return {
    ...original,
    app: {
      ...original.app,
      http: (name: string, options: { route?: string; methods?: string[]; authLevel?: string }) => {
        registered.push({ name, route: options.route ?? name, methods: options.methods ?? ["GET", "POST"], authLevel: options.authLevel ?? "function" });
      },
      timer: () => undefined,
    },
  };
});

const functionsDir = path.join(__dirname, "../../../functions");
type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; additionalProperties?: unknown; required?: string[] };
type Operation = { operationId: string; security: Record<string, string[]>[]; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
interface Doc {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
}
let doc: Doc;

beforeAll(async () => {
  const sample = JSON.parse(readFileSync(path.join(__dirname, "../../../local.settings.sample.json"), "utf8")) as { Values: Record<string, string> };
  for (const [name, value] of Object.entries(sample.Values)) if (value !== "" && process.env[name] === undefined) process.env[name] = value;
  process.env.REVIEW_TOKEN_KEY = Buffer.alloc(32, 7).toString("base64");
  process.env.STAFF_SESSION_KEY = Buffer.alloc(32, 8).toString("base64");
  for (const file of readdirSync(functionsDir).filter((f) => f.endsWith(".ts"))) await import(path.join(functionsDir, file));
  const { buildOpenApiDocument } = await import("../../../shared/http/openapi-document");
  doc = buildOpenApiDocument("http://localhost:7071/") as unknown as Doc;
}, 60_000);

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 for the app's /api prefix", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]?.url).toBe("http://localhost:7071/api");
  });

  it("documents every registered HTTP function, with its method, and nothing that is not registered", () => {
    expect(registered.length).toBeGreaterThanOrEqual(19);
    const registeredOps = registered.flatMap((r) => r.methods.map((m) => `${m.toLowerCase()} /${r.route}`)).sort();
    const documentedOps = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p}`)).sort();
    expect(documentedOps).toEqual(registeredOps);
    for (const r of registered) {
      for (const m of r.methods) expect(doc.paths[`/${r.route}`]?.[m.toLowerCase()]?.operationId, `${m} /${r.route}`).toBe(r.name);
    }
  });

  it("documents 413 and 415 for every JSON request body (the body reader answers both before parsing)", () => {
    const withJsonBody = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.entries(item as Record<string, Operation & { requestBody?: { content?: Record<string, unknown> } }>)
        .filter(([, operation]) => operation.requestBody?.content?.["application/json"] !== undefined)
        .map(([m, operation]) => ({ op: `${m} ${p}`, statuses: Object.keys(operation.responses) })),
    );
    expect(withJsonBody.map((o) => o.op)).toEqual(expect.arrayContaining(["post /audit/verify", "post /manage/tenants", "put /manage/tenants/{id}", "post /demands"]));
    for (const { op, statuses } of withJsonBody) expect(statuses, op).toEqual(expect.arrayContaining(["413", "415"]));
  });

  it("documents exactly the answers the review and staff pages give, with their media types", () => {
    // From the handlers: review links refuse with REFUSALS (shared/review/open-review.ts); pages send a browser without a
    // session to sign in (303) or show a page, never a 401 problem; the decision form checks its media type and size.
    const expected: Record<string, Record<string, string>> = {
      "get /review/{token}": { "303": "", "400": "text/html", "403": "text/html", "410": "text/html", "500": "application/problem+json" },
      "get /review/demands/{id}": { "200": "text/html", "303": "", "403": "text/html", "404": "text/html", "409": "text/html", "410": "text/html", "500": "application/problem+json" },
      "get /review/demands/{id}/documents/{document}": { "200": "application/pdf", "303": "", "403": "text/html", "404": "text/html", "409": "text/html", "410": "text/html", "500": "application/problem+json" },
      "post /review/demands/{id}": {
        ...Object.fromEntries(["200", "400", "401", "403", "404", "409", "410", "413", "415", "503"].map((status) => [status, "text/html"])),
        "500": "application/problem+json",
      },
      "get /staff/login": { "302": "", "503": "text/html", "500": "application/problem+json" },
      "get /staff/callback": { "303": "", "400": "text/html", "401": "text/html", "403": "text/html", "500": "application/problem+json" },
      "get /staff/session": { "200": "text/html", "500": "application/problem+json" },
      "post /staff/logout": { "200": "text/html", "303": "", "403": "text/html", "500": "application/problem+json" },
    };
    for (const [op, answers] of Object.entries(expected)) {
      const [method = "", route = ""] = op.split(" ");
      const responses = doc.paths[route]?.[method]?.responses ?? {};
      const documented = Object.fromEntries(Object.entries(responses).map(([status, r]) => [status, Object.keys(r.content ?? {}).join(",")]));
      expect(documented, op).toEqual(answers);
    }
  });

  it("documents the ETag header a tenant is answered with, which a later PUT sends back as If-Match", () => {
    const tenants = doc.paths as unknown as Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    for (const [route, method, status] of [["/manage/tenants", "post", "201"], ["/manage/tenants/{id}", "get", "200"], ["/manage/tenants/{id}", "put", "200"]] as const) {
      expect(Object.keys(tenants[route]?.[method]?.responses[status]?.headers ?? {}), `${method} ${route} ${status}`).toContain("etag");
    }
  });

  it("documents the admin key's 401 as the Functions host answers it, with no body (the app never sees the request)", () => {
    const admin = registered.filter((r) => r.authLevel === "admin");
    expect(admin.length).toBeGreaterThan(5);
    for (const r of admin) {
      for (const m of r.methods) expect(doc.paths[`/${r.route}`]![m.toLowerCase()]!.responses["401"], `${m} /${r.route}`).toEqual({ description: expect.any(String) });
    }
  });

  it("documents the signing key's X-Key-Fingerprint header, which recipients compare before pinning the key", () => {
    const key = doc.paths["/package-signing-key"]!.get!.responses["200"] as { headers?: Record<string, unknown> };
    expect(Object.keys(key.headers ?? {})).toContain("x-key-fingerprint");
  });

  it("names the security schemes, and admin-level functions require the admin key", () => {
    expect(doc.components.securitySchemes.requesterBearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.adminKey).toMatchObject({ type: "apiKey", in: "header", name: "x-functions-key" });
    expect(doc.components.securitySchemes.staffSession).toMatchObject({ type: "apiKey", in: "cookie" });
    for (const r of registered) {
      for (const m of r.methods) {
        const security = doc.paths[`/${r.route}`]![m.toLowerCase()]!.security;
        expect(security.some((s) => "adminKey" in s), `${m} /${r.route}`).toBe(r.authLevel === "admin");
      }
    }
  });

  it("describes the submission from the zod schema, closed to unknown fields, with its constraints", () => {
    const submission = doc.components.schemas.DemandSubmission!;
    expect(Object.keys(submission.properties ?? {})).toEqual(
      expect.arrayContaining(["requester", "legalProcess", "targets", "categories", "dateRange", "secrecyOrder", "emergency", "consent", "document"]),
    );
    expect(submission.additionalProperties).toBe(false);
    expect(submission.required).toEqual(expect.arrayContaining(["legalProcess", "document"]));
    expect(submission.required).not.toContain("secrecyOrder");
    const text = JSON.stringify(submission);
    expect(text).toContain("search_warrant");
    expect(text).toContain('"maxLength":200');
    expect(text).toContain('"maxItems":1000');
    const submit = doc.paths["/demands"]!.post! as unknown as { parameters: { name: string; in: string; schema: { pattern: string } }[] };
    expect(submit.parameters.find((p) => p.in === "header")?.schema.pattern).toBe("^[A-Za-z0-9._:-]{8,128}$");
  });

  it("documents the tenant import's answer as the handler gives it (created, updated, unchanged tenant ids)", () => {
    const schema = doc.paths["/manage/tenant-imports"]!.post!.responses["200"]!.content!["application/json"]!.schema;
    const resolved = schema.$ref === undefined ? schema : doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")]!;
    expect(Object.keys(resolved.properties ?? {}).sort()).toEqual(["created", "unchanged", "updated"]);
  });

  // R1: what the API answers never holds customer data; a released package is only a link and a wrapped key.
  it("has no response schema with customer data fields (R1)", () => {
    const CUSTOMER_DATA = ["targets", "value", "identifiers", "accountIdentifier", "items", "content", "contents", "body", "subject", "messages", "files", "mail", "customer", "customerData", "data", "records"];
    const seen = new Set<Schema>();
    const fieldsOf = (schema: Schema | undefined): string[] => {
      if (schema === undefined || seen.has(schema)) return [];
      seen.add(schema);
      const resolved = schema.$ref === undefined ? schema : doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")];
      if (resolved === undefined) return [];
      const own = Object.keys(resolved.properties ?? {});
      const nested = [...Object.values(resolved.properties ?? {}), resolved.items, ...(resolved.anyOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.allOf ?? [])];
      return [...own, ...nested.flatMap((s) => fieldsOf(s))];
    };
    // The customer directory's own administration (admin key) shows administrators the identifiers they manage: the
    // provider's directory of whose accounts these are, never data held in those accounts.
    const DIRECTORY_ADMIN = ["/manage/tenants", "/manage/tenants/{id}", "/manage/tenant-imports"];
    for (const [p, item] of Object.entries(doc.paths)) {
      if (DIRECTORY_ADMIN.includes(p)) continue;
      for (const [m, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const media of Object.values(response.content ?? {})) {
            const fields = fieldsOf(media.schema);
            expect(fields.filter((f) => CUSTOMER_DATA.includes(f)), `${m} ${p} ${status}`).toEqual([]);
          }
        }
      }
    }
    const pkg = doc.components.schemas.PackageLink!;
    expect(Object.keys(pkg.properties ?? {}).sort()).toEqual(["downloadUrl", "expiresAt", "keyNote", "keyOption", "manifestSha256", "packageId", "sha256", "size", "wrappedKey"]);
  });
});
