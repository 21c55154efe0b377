import type { AuditLog } from "../../shared/ports/audit-log";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { RequesterRegistry } from "../../shared/ports/requester-registry";
import { auditStatusReadWhileSuspended } from "../../shared/use-cases/audit-suspended-read";
import { authenticateRequester } from "../../shared/use-cases/authenticate-requester";
import { readOwnDemand, toStatusView } from "../../shared/use-cases/demand-status";
import { withProblems, type HttpHandler } from "./with-problems";
import { NO_STORE } from "../../shared/http/problem-response";

/** What the requester's demand endpoints need. */
export interface RequesterDemandDeps {
  requesters: RequesterRegistry;
  demands: DemandStore;
  audit: AuditLog;
  now: () => Date;
}

/** GET /api/demands/{id}: the requester's own demand's status and timeline. */
export function makeGetDemandHandler(resolve: () => Promise<RequesterDemandDeps>): HttpHandler {
  return withProblems(async (request) => {
    const deps = await resolve();
    // Reading where its own demands stand (a withdrawal it made, a lifting) discloses nothing, so suspension allows it.
    const requester = await authenticateRequester(deps.requesters, request.headers.get("authorization"), { allowSuspended: true });
    const { record } = await readOwnDemand(deps.demands, requester.id, request.params.id ?? "");
    if (requester.status === "suspended") await auditStatusReadWhileSuspended(deps.audit, requester, record, deps.now());
    return { status: 200, headers: NO_STORE, jsonBody: toStatusView(record) };
  });
}
