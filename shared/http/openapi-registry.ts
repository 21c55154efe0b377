import type { ZodOpenApiOperationObject } from "zod-openapi";

/** How a route authenticates: the requester's bearer credential, the admin key, a staff session, or none. */
export type RouteAuth = "requester" | "admin" | "staff" | "public";

/** The HTTP methods the app registers. */
export type RouteMethod = "get" | "post" | "put" | "patch" | "delete";

/** The documentation of one registered HTTP function: its route as registered (without the /api prefix) and operation. */
export interface RouteDoc {
  /** The name given to app.http(...); it becomes the operationId. */
  name: string;
  method: RouteMethod;
  /** The route template exactly as registered, e.g. "demands/{id}". */
  route: string;
  auth: RouteAuth;
  /** Summary, parameters, request body and responses, with zod schemas; problem responses get the Problem schema. */
  operation: Omit<ZodOpenApiOperationObject, "operationId" | "security">;
}

const routes = new Map<string, RouteDoc>();

/**
 * Records a route's OpenAPI operation. Call it beside the route's app.http(...), in the same functions/*.ts file:
 * the document is assembled from these calls when it is first served, and a test fails for any route without one.
 */
export function documentRoute(doc: RouteDoc): void {
  routes.set(`${doc.method} ${doc.route}`, doc);
}

/** Every documented route, in registration order. */
export function documentedRoutes(): RouteDoc[] {
  return [...routes.values()];
}
