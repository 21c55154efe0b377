import { parseBody, readJsonBody } from "../../shared/http/read-json-body";
import { recordReimbursement, ReimbursementInput, type RecordReimbursementDeps } from "../../shared/use-cases/record-reimbursement";
import { withProblems, type HttpHandler } from "./with-problems";
import { NO_STORE } from "../../shared/http/problem-response";

/** POST /api/manage/demands/{id}/reimbursement (administrators): record a cost reimbursement claim (R13). */
export function makeReimbursementHandler(resolve: () => Promise<RecordReimbursementDeps>): HttpHandler {
  return withProblems(async (request) => {
    const deps = await resolve();
    const { value } = await readJsonBody(request, 16 * 1024);
    const input = parseBody(ReimbursementInput, value);
    const record = await recordReimbursement(deps, request.params.id ?? "", input, "admin");
    return { status: 201, headers: NO_STORE, jsonBody: { id: record.id, reimbursement: record.reimbursement } };
  });
}
