import { app } from "@azure/functions";
import { z } from "zod";
import { config } from "../shared/composition/services";
import { API_REFERENCE_HEADERS, apiReferencePage, redocBundle } from "../shared/http/api-reference-page";
import { buildOpenApiDocument } from "../shared/http/openapi-document";
import { documentRoute } from "../shared/http/openapi-registry";

// Built at the first request, when every functions/*.ts has registered its route and documented it.
let document: Record<string, unknown> | undefined;

app.http("openApi", {
  route: "openapi.json",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: async () => {
    document ??= buildOpenApiDocument(config.PUBLIC_BASE_URL);
    return { status: 200, headers: { "cache-control": "no-cache" }, jsonBody: document };
  },
});

app.http("apiReference", {
  route: "docs",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: async () => ({ status: 200, headers: { ...API_REFERENCE_HEADERS, "content-type": "text/html; charset=utf-8" }, body: apiReferencePage() }),
});

app.http("apiReferenceScript", {
  route: "docs/redoc.standalone.js",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: async () => ({
    status: 200,
    headers: { ...API_REFERENCE_HEADERS, "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" },
    body: redocBundle(),
  }),
});

documentRoute({
  name: "openApi",
  method: "get",
  route: "openapi.json",
  auth: "public",
  operation: { summary: "This document (OpenAPI 3.1, generated from the zod schemas)", responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: z.looseObject({ openapi: z.literal("3.1.0") }) } } } } },
});

documentRoute({
  name: "apiReference",
  method: "get",
  route: "docs",
  auth: "public",
  operation: { summary: "The human-readable API reference (Redoc, served locally)", responses: { "200": { description: "HTML page", content: { "text/html": { schema: z.string() } } } } },
});

documentRoute({
  name: "apiReferenceScript",
  method: "get",
  route: "docs/redoc.standalone.js",
  auth: "public",
  operation: { summary: "The reference page's renderer script", responses: { "200": { description: "JavaScript", content: { "text/javascript": { schema: z.string() } } } } },
});
