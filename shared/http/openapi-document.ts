import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from "zod-openapi";
import { problemResponse } from "./api-schemas";
import { documentedRoutes, type RouteAuth, type RouteDoc } from "./openapi-registry";

/** The staff session cookie's name, as the staff sign-in sets it. */
export const STAFF_SESSION_COOKIE = "lrw_staff";

const SECURITY: Record<RouteAuth, Record<string, string[]>[]> = {
  requester: [{ requesterBearer: [] }],
  admin: [{ adminKey: [] }],
  staff: [{ staffSession: [] }],
  public: [],
};

// Operations are grouped by who calls them, so the reference reads as a requester's guide first.
const TAGS: Record<RouteAuth, string> = { requester: "Requesters", staff: "Staff", admin: "Administration", public: "Public" };
const TAG_ORDER = ["Requesters", "Public", "Staff", "Administration"];

// Answers every route may give, whatever its own documentation says (withProblems maps every error to these).
const COMMON_PROBLEMS: Record<RouteAuth, Record<string, ZodOpenApiResponseObject>> = {
  requester: { "401": problemResponse("No valid requester credential"), "403": problemResponse("The requester is suspended or revoked"), "500": problemResponse("Unexpected failure (no details)") },
  // The Functions host refuses a missing or wrong admin key itself, with an empty body: the app never sees the request.
  admin: { "401": { description: "No valid admin key (answered by the Functions host, with no body)" }, "500": problemResponse("Unexpected failure (no details)") },
  // Staff pages answer a missing session themselves (a sign-in redirect or a page), each as its route documents.
  staff: { "500": problemResponse("Unexpected failure (no details)") },
  public: { "500": problemResponse("Unexpected failure (no details)") },
};

// Answers every route with a JSON request body may give: readJsonBody checks the media type and the size before parsing.
const JSON_BODY_PROBLEMS = {
  "413": problemResponse("The body is larger than the route accepts"),
  "415": problemResponse("The body is not sent as application/json"),
};

function readsJsonBody(operation: RouteDoc["operation"]): boolean {
  const body = operation.requestBody;
  return body !== undefined && "content" in body && body.content["application/json"] !== undefined;
}

/** The OpenAPI 3.1 description of every documented route, generated from the zod schemas the handlers use. */
export function buildOpenApiDocument(serverUrl: string, routes: readonly RouteDoc[] = documentedRoutes()): Record<string, unknown> {
  const paths: ZodOpenApiPathsObject = {};
  const ordered = [...routes].sort((a, b) => TAG_ORDER.indexOf(TAGS[a.auth]) - TAG_ORDER.indexOf(TAGS[b.auth]) || a.route.localeCompare(b.route));
  for (const doc of ordered) {
    const path = `/${doc.route}`;
    const operation: ZodOpenApiOperationObject = {
      ...doc.operation,
      operationId: doc.name,
      tags: [TAGS[doc.auth]],
      security: SECURITY[doc.auth],
      responses: { ...COMMON_PROBLEMS[doc.auth], ...(readsJsonBody(doc.operation) ? JSON_BODY_PROBLEMS : {}), ...doc.operation.responses },
    };
    paths[path] = { ...paths[path], [doc.method]: operation };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Lawful Request Workflow",
      version: "0.1.0",
      description: "Intake, status and administration of lawful demands for customer data. Every error is an RFC 9457 problem.",
    },
    tags: TAG_ORDER.map((name) => ({ name })),
    servers: [{ url: `${serverUrl.replace(/\/$/, "")}/api` }],
    components: {
      securitySchemes: {
        requesterBearer: { type: "http", scheme: "bearer", description: "The credential issued at vetting: lrw1.<requester>.<credential>.<secret>" },
        adminKey: { type: "apiKey", in: "header", name: "x-functions-key", description: "The Functions admin (master) key." },
        staffSession: { type: "apiKey", in: "cookie", name: STAFF_SESSION_COOKIE, description: "The session of a signed-in staff member (reviewers, administrators)." },
      },
    },
    paths,
  }) as unknown as Record<string, unknown>;
}
