import type { InvocationContext } from "@azure/functions";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { DomainError } from "../../shared/errors/domain-error";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { LifecycleControl } from "../../shared/ports/lifecycle-control";
import { appendStep } from "../../shared/use-cases/update-demand";
import { withProblems, type HttpHandler } from "./with-problems";
import { NO_STORE } from "../../shared/http/problem-response";

/** POST /api/manage/demands/{id}/resume: an operator resumes a demand parked after a step kept failing; the step runs again. */
export function makeResumeDemandHandler(
  resolve: (context: InvocationContext) => Promise<{ demands: DemandStore; lifecycle: LifecycleControl; now: () => Date }>,
): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const id = request.params.id ?? "";
    const found = await deps.demands.get(id);
    if (found === null) throw new DomainError("not-found", "No demand has this id.");
    if (found.record.status !== "needs_operator") throw new DomainError("invalid-state", "The demand is not waiting for an operator.");
    // The resume names the parking it is for (its needs_operator step): a second click resumes that parking no more.
    const parking = [...found.record.timeline].reverse().find((entry) => entry.step === "needs operator")?.id;
    await deps.lifecycle.raise(id, LifecycleEvent.operatorResume, { operator: "administrator", ...(parking === undefined ? {} : { parking }) });
    await appendStep(deps, id, "resume requested", "An operator asked the lifecycle to run the failed step again.");
    return { status: 202, headers: NO_STORE, jsonBody: { id, status: found.record.status } };
  });
}
