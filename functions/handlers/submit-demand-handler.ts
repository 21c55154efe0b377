import { DemandSubmission } from "../../shared/domain/demand";
import { DomainError } from "../../shared/errors/domain-error";
import { parseBody, readJsonBody } from "../../shared/http/read-json-body";
import type { InvocationContext } from "@azure/functions";
import type { AuditLog } from "../../shared/ports/audit-log";
import type { LifecycleControl } from "../../shared/ports/lifecycle-control";
import type { RequesterRegistry } from "../../shared/ports/requester-registry";
import { authenticateRequester } from "../../shared/use-cases/authenticate-requester";
import { toStatusView } from "../../shared/use-cases/demand-status";
import { recordIntakeAudit } from "../../shared/use-cases/record-intake-audit";
import { submitDemand, type SubmitDemandDeps } from "../../shared/use-cases/submit-demand";
import { withProblems, type HttpHandler } from "./with-problems";
import { NO_STORE } from "../../shared/http/problem-response";

/** What POST /api/demands needs. */
export interface SubmitDemandHandlerDeps extends SubmitDemandDeps {
  requesters: RequesterRegistry;
  lifecycle: LifecycleControl;
  audit: AuditLog;
  maxBodyBytes: number;
  publicBaseUrl: string;
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** POST /api/demands: authenticate, check the body, record the demand once per Idempotency-Key, start its lifecycle, answer 202. */
export function makeSubmitDemandHandler(resolve: (context: InvocationContext) => Promise<SubmitDemandHandlerDeps>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    // R11: a demand is received (and counted in its half-year) when it arrives, not once intake's reads are done.
    const arrivedAt = deps.now();
    const requester = await authenticateRequester(deps.requesters, request.headers.get("authorization"));
    const key = request.headers.get("idempotency-key");
    if (key === null || !IDEMPOTENCY_KEY.test(key)) {
      throw new DomainError("idempotency-key-missing", "An Idempotency-Key header of 8 to 128 characters (letters, digits, . _ : -) is required.", [
        { path: "Idempotency-Key", message: `must match ${IDEMPOTENCY_KEY.source}` },
      ]);
    }
    const { value } = await readJsonBody(request, deps.maxBodyBytes);
    const submission = parseBody(DemandSubmission, value);
    const { record, created } = await submitDemand({ ...deps, now: () => arrivedAt }, requester, key, submission);
    // The chain starts with receipt and verdict before any lifecycle step. A replay completes what a failed first call
    // left out (each entry is keyed, so concurrent retries write it once), so a retry never starts a lifecycle without them.
    await recordIntakeAudit(deps.audit, record, created);
    // Every recorded demand runs its lifecycle, rejected ones too: they are closed, told and counted there. A replay
    // starts it only while the demand is as intake left it (as the scan does): a finished instance may have been purged.
    if (created || record.status === "received" || record.status === "rejected") await deps.lifecycle.ensureStarted(record.id, { newDemand: created });
    const location = `${deps.publicBaseUrl.replace(/\/$/, "")}/api/demands/${record.id}`;
    return { status: 202, headers: { location, "content-type": "application/json", ...NO_STORE }, jsonBody: toStatusView(record) };
  });
}
