import type { InvocationContext } from "@azure/functions";
import type { AuditLog } from "../../shared/ports/audit-log";
import type { RequesterRegistry } from "../../shared/ports/requester-registry";
import { authenticateRequester } from "../../shared/use-cases/authenticate-requester";
import { toStatusView } from "../../shared/use-cases/demand-status";
import { withdrawDemand, type RequesterActionDeps } from "../../shared/use-cases/withdraw-demand";
import { withProblems, type HttpHandler } from "./with-problems";
import { NO_STORE } from "../../shared/http/problem-response";

/** What the requester's lifecycle actions need; the durable client comes from the invocation. */
export type RequesterLifecycleDeps = RequesterActionDeps & { requesters: RequesterRegistry };

/** POST /api/demands/{id}/withdraw: the requester withdraws its demand; 202 while the lifecycle closes it. */
export function makeWithdrawDemandHandler(resolve: (context: InvocationContext) => Promise<RequesterLifecycleDeps & { audit: AuditLog }>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    // A withdrawal only reduces what is disclosed, so a suspended requester may still withdraw its own demand.
    const requester = await authenticateRequester(deps.requesters, request.headers.get("authorization"), { allowSuspended: true });
    const record = await withdrawDemand(deps, requester.id, request.params.id ?? "", { suspended: requester.status === "suspended" });
    return { status: 202, headers: NO_STORE, jsonBody: toStatusView(record) };
  });
}
