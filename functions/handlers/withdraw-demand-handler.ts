import { authenticateRequester } from "../../shared/use-cases/authenticate-requester";
import { toStatusView } from "../../shared/use-cases/demand-status";
import { withdrawDemand } from "../../shared/use-cases/withdraw-demand";
import type { RequesterDemandDeps } from "./get-demand-handler";
import { withProblems, type HttpHandler } from "./with-problems";

/** POST /api/demands/{id}/withdraw: the requester withdraws its demand. */
export function makeWithdrawDemandHandler(resolve: () => Promise<RequesterDemandDeps>): HttpHandler {
  return withProblems(async (request) => {
    const deps = await resolve();
    const requester = await authenticateRequester(deps.requesters, request.headers.get("authorization"));
    const record = await withdrawDemand(deps.demands, requester.id, request.params.id ?? "", deps.now());
    return { status: 200, jsonBody: toStatusView(record) };
  });
}
