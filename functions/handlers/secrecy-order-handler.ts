import type { InvocationContext } from "@azure/functions";
import { parseBody, readJsonBody } from "../../shared/http/read-json-body";
import type { AuditLog } from "../../shared/ports/audit-log";
import type { DocumentStore } from "../../shared/ports/document-store";
import { authenticateRequester } from "../../shared/use-cases/authenticate-requester";
import { toStatusView } from "../../shared/use-cases/demand-status";
import { fileSecrecyOrder, SecrecyOrderFiling } from "../../shared/use-cases/file-secrecy-order";
import type { RequesterLifecycleDeps } from "./withdraw-demand-handler";
import { withProblems, type HttpHandler } from "./with-problems";
import { NO_STORE } from "../../shared/http/problem-response";

/** POST /api/demands/{id}/secrecy-orders: a new, extended or lifted secrecy order with its document (R9). */
export function makeSecrecyOrderHandler(
  resolve: (context: InvocationContext) => Promise<RequesterLifecycleDeps & { documents: DocumentStore; audit: AuditLog; maxBodyBytes: number }>,
): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    // A lifting only lets the customer be told sooner, so a suspended requester may still file one (never a new order).
    const requester = await authenticateRequester(deps.requesters, request.headers.get("authorization"), { allowSuspended: true });
    const { value } = await readJsonBody(request, deps.maxBodyBytes);
    const filing = parseBody(SecrecyOrderFiling, value);
    const record = await fileSecrecyOrder(deps, requester.id, request.params.id ?? "", filing, { suspended: requester.status === "suspended" });
    return { status: 202, headers: NO_STORE, jsonBody: toStatusView(record) };
  });
}
