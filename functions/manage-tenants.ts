import { app } from "@azure/functions";
import { z } from "zod";
import { getServices } from "../shared/composition/services";
import { TenantEntry } from "../shared/domain/directory-entry";
import { jsonBody, jsonResponse, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";
import { makeCreateTenantHandler, makeGetTenantHandler, makeImportTenantsHandler, makeListTenantsHandler, makeUpdateTenantHandler } from "./handlers/manage-tenant-handlers";

// The customer directory's administration; "admin" is a reserved route prefix in Azure Functions, hence "manage".
app.http("listTenants", { route: "manage/tenants", methods: ["GET"], authLevel: "admin", handler: makeListTenantsHandler(getServices) });
app.http("createTenant", { route: "manage/tenants", methods: ["POST"], authLevel: "admin", handler: makeCreateTenantHandler(getServices) });
app.http("getTenant", { route: "manage/tenants/{id}", methods: ["GET"], authLevel: "admin", handler: makeGetTenantHandler(getServices) });
app.http("updateTenant", { route: "manage/tenants/{id}", methods: ["PUT"], authLevel: "admin", handler: makeUpdateTenantHandler(getServices) });
app.http("importTenants", { route: "manage/tenant-imports", methods: ["POST"], authLevel: "admin", handler: makeImportTenantsHandler(getServices) });

const TenantId = z.object({ id: z.string().meta({ description: "The tenant's id" }) });
const Entry = TenantEntry.meta({ id: "TenantEntry" });
const TenantIds = (description: string) => z.array(z.string()).meta({ description });
const Imported = z.object({ created: TenantIds("Tenants added"), updated: TenantIds("Tenants replaced"), unchanged: TenantIds("Tenants already as given") });

/** A tenant's answer carries its version as ETag, for the If-Match of a later PUT. */
function withEtag<R extends object>(response: R) {
  return { ...response, headers: z.object({ etag: z.string().meta({ description: "The tenant's version; send it as If-Match with a PUT" }) }) };
}

documentRoute({
  name: "listTenants",
  method: "get",
  route: "manage/tenants",
  auth: "admin",
  operation: {
    summary: "A page of the customer directory's tenants, in id order",
    requestParams: { query: z.object({ limit: z.string().optional().meta({ description: "1 to 1000 (default 100)" }), after: z.string().optional() }) },
    responses: { "200": jsonResponse("A page; `next` is the `after` of the next page", z.object({ tenants: z.array(z.unknown()), next: z.string().optional() })), "400": problemResponse("A bad limit") },
  },
});

documentRoute({
  name: "createTenant",
  method: "post",
  route: "manage/tenants",
  auth: "admin",
  operation: {
    summary: "Add a tenant with its accounts and identifiers (kind, seats, data country, key option, admins, de-linked services, legal contact)",
    requestBody: jsonBody(Entry),
    responses: {
      "201": withEtag(jsonResponse("Created (ETag for a later PUT)", Entry)),
      "400": problemResponse("Invalid; errors lists every field"),
      "409": problemResponse("The tenant exists, or an identifier belongs to another tenant"),
    },
  },
});

documentRoute({
  name: "getTenant",
  method: "get",
  route: "manage/tenants/{id}",
  auth: "admin",
  operation: {
    summary: "A tenant with its accounts (ETag for a later PUT)",
    requestParams: { path: TenantId },
    responses: { "200": withEtag(jsonResponse("The tenant", Entry)), "404": problemResponse("No such tenant") },
  },
});

documentRoute({
  name: "updateTenant",
  method: "put",
  route: "manage/tenants/{id}",
  auth: "admin",
  operation: {
    summary: "Replace a tenant and its accounts; needs If-Match",
    requestParams: { path: TenantId, header: z.object({ "if-match": z.string() }) },
    requestBody: jsonBody(Entry),
    responses: {
      "200": withEtag(jsonResponse("Replaced", Entry)),
      "400": problemResponse("Invalid; errors lists every field"),
      "404": problemResponse("No such tenant"),
      "409": problemResponse("An identifier belongs to another tenant"),
      "412": problemResponse("Changed since it was read (the same PUT sent again is not refused: a retry completes it)"),
      "428": problemResponse("If-Match is required"),
    },
  },
});

documentRoute({
  name: "importTenants",
  method: "post",
  route: "manage/tenant-imports",
  auth: "admin",
  operation: {
    summary: "Bulk import (JSON { tenants: [...] } or CSV, one row per identifier): every bad row is reported and nothing is written when any is bad; idempotent by tenant id",
    requestBody: { required: true, content: { "application/json": { schema: z.object({ tenants: z.array(Entry) }) }, "text/csv": { schema: z.string() } } },
    responses: {
      "200": jsonResponse("Imported", Imported),
      "400": problemResponse("Every bad row, by row and field; nothing written"),
      "409": problemResponse("A tenant was created, or an identifier claimed, by another call meanwhile: import again"),
      "412": problemResponse("A tenant changed while this import ran (another import or a PUT): import again"),
    },
  },
});
