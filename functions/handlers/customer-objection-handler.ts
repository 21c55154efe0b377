import type { InvocationContext } from "@azure/functions";
import { z } from "zod";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { DomainError } from "../../shared/errors/domain-error";
import { parseBody, readJsonBody } from "../../shared/http/read-json-body";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { LifecycleControl } from "../../shared/ports/lifecycle-control";
import { updateDemand } from "../../shared/use-cases/update-demand";
import { withProblems, type HttpHandler } from "./with-problems";

export const Objection = z.strictObject({ summary: z.string().trim().min(1).max(4000) });

/** POST /api/manage/demands/{id}/objection: compliance staff record a customer's objection received after notice; reviewers look again. */
export function makeCustomerObjectionHandler(
  resolve: (context: InvocationContext) => Promise<{ demands: DemandStore; lifecycle: LifecycleControl; now: () => Date }>,
): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const id = request.params.id ?? "";
    const { value } = await readJsonBody(request, 64 * 1024);
    const { summary } = parseBody(Objection, value);
    const found = await deps.demands.get(id);
    if (found === null) throw new DomainError("not-found", "No demand has this id.");
    if (found.record.status !== "awaiting_notice_window") throw new DomainError("invalid-state", "The demand is not in its objection window.");
    await deps.lifecycle.raise(id, LifecycleEvent.customerObjection, { summary });
    const at = deps.now().toISOString();
    await updateDemand(deps.demands, id, (r) => ({
      ...r,
      customerObjections: [...(r.customerObjections ?? []), { summary, recordedAt: at }],
      timeline: [...r.timeline, { at, step: "customer objection recorded", detail: "An objection from the customer was recorded by compliance staff." }],
    }));
    return { status: 202, jsonBody: { id, status: found.record.status } };
  });
}
