import type { HttpRequest } from "@azure/functions";
import { DomainError } from "../../shared/errors/domain-error";
import { readJsonBody } from "../../shared/http/read-json-body";
import type { CustomerDirectoryAdmin } from "../../shared/ports/customer-directory";
import { importTenantsCsv, importTenantsJson } from "../../shared/use-cases/import-tenants";
import { createTenant, getTenantEntry, listTenantPage, updateTenant, type VersionedEntry } from "../../shared/use-cases/manage-tenants";
import { withProblems, type HttpHandler } from "./with-problems";

/** What the directory administration endpoints need. */
export interface ManageTenantDeps {
  directory: CustomerDirectoryAdmin;
}

const MAX_TENANT_BYTES = 512 * 1024;
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

function entryResponse(status: number, versioned: VersionedEntry): { status: number; headers: Record<string, string>; jsonBody: unknown } {
  return { status, headers: { etag: versioned.etag, "cache-control": "no-store" }, jsonBody: versioned.entry };
}

/** POST /api/manage/tenants: adds a tenant with its accounts and identifiers (201 + ETag). */
export function makeCreateTenantHandler(resolve: () => Promise<ManageTenantDeps>): HttpHandler {
  return withProblems(async (request) => {
    const { directory } = await resolve();
    const { value } = await readJsonBody(request, MAX_TENANT_BYTES);
    return entryResponse(201, await createTenant(directory, value));
  });
}

/** PUT /api/manage/tenants/{id}: replaces a tenant and its accounts; needs If-Match (428 without, 412 when stale). */
export function makeUpdateTenantHandler(resolve: () => Promise<ManageTenantDeps>): HttpHandler {
  return withProblems(async (request) => {
    const { directory } = await resolve();
    const { value } = await readJsonBody(request, MAX_TENANT_BYTES);
    return entryResponse(200, await updateTenant(directory, request.params.id ?? "", value, request.headers.get("if-match") ?? undefined));
  });
}

/** GET /api/manage/tenants/{id}: the tenant with its accounts (ETag for a later PUT). */
export function makeGetTenantHandler(resolve: () => Promise<ManageTenantDeps>): HttpHandler {
  return withProblems(async (request) => {
    const { directory } = await resolve();
    return entryResponse(200, await getTenantEntry(directory, request.params.id ?? ""));
  });
}

/** GET /api/manage/tenants?limit=&after=: a page of tenants in id order; `next` is the `after` of the next page. */
export function makeListTenantsHandler(resolve: () => Promise<ManageTenantDeps>): HttpHandler {
  return withProblems(async (request) => {
    const { directory } = await resolve();
    const limitText = request.query.get("limit") ?? "100";
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new DomainError("validation-failed", "limit must be a whole number from 1 to 1000.", [{ path: "limit", message: "must be 1 to 1000" }]);
    const after = request.query.get("after") ?? undefined;
    return { status: 200, headers: { "cache-control": "no-store" }, jsonBody: await listTenantPage(directory, { limit, ...(after === undefined ? {} : { after }) }) };
  });
}

/**
 * POST /api/manage/tenant-imports: a bulk import as application/json ({ "tenants": [...] }) or text/csv (one row
 * per identifier). Every bad row is reported (400) and then nothing is written; idempotent by tenant id.
 */
export function makeImportTenantsHandler(resolve: () => Promise<ManageTenantDeps>): HttpHandler {
  return withProblems(async (request) => {
    const { directory } = await resolve();
    const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (mediaType === "text/csv") {
      const result = await importTenantsCsv(directory, await readText(request, MAX_IMPORT_BYTES));
      return { status: 200, jsonBody: result };
    }
    // Told only "must be application/json", someone uploading a .csv (sent as application/vnd.ms-excel) is misled.
    if (mediaType !== "application/json") throw new DomainError("unsupported-media-type", "Send the import as text/csv or as application/json.");
    const { value } = await readJsonBody(request, MAX_IMPORT_BYTES);
    return { status: 200, jsonBody: await importTenantsJson(directory, value) };
  });
}

async function readText(request: HttpRequest, maxBytes: number): Promise<string> {
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw new DomainError("payload-too-large", `The body is larger than ${maxBytes} bytes.`);
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw new DomainError("payload-too-large", `The body is larger than ${maxBytes} bytes.`);
  const text = bytes.toString("utf8");
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // A spreadsheet's Windows-1252 export read as UTF-8 would store every "é" as U+FFFD without a word.
    const line = text.slice(0, text.indexOf("\uFFFD")).split("\n").length;
    throw new DomainError("validation-failed", "The CSV is not UTF-8; nothing was written.", [{ path: `line ${line}`, message: "is not UTF-8 text: save the CSV as UTF-8" }]);
  }
  return text;
}
