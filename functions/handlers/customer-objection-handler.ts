import type { InvocationContext } from "@azure/functions";
import { z } from "zod";
import type { DemandStatus } from "../../shared/domain/enums";
import { shownText } from "../../shared/domain/primitives";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { DomainError } from "../../shared/errors/domain-error";
import { parseBody, readJsonBody } from "../../shared/http/read-json-body";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { LifecycleControl } from "../../shared/ports/lifecycle-control";
import { updateDemand } from "../../shared/use-cases/update-demand";
import { withProblems, type HttpHandler } from "./with-problems";
import { NO_STORE } from "../../shared/http/problem-response";

/** The body of POST /api/manage/demands/{id}/objection: what the customer objects to, in visible text. */
export const Objection = z.strictObject({ summary: z.string().trim().min(1).max(4000).refine((text) => text === "" || shownText(text) !== "", "must contain visible text") });

// A redirect's notice reaches an enterprise customer before any review (R4, R5): its objection is weighed by the
// reviewers still to decide (the review page lists it), as one made in the objection window puts the demand back to them.
// A parked demand holds the objection and applies it when resumed, before the window's end that passed meanwhile.
const OBJECTION_HEARD: ReadonlySet<DemandStatus> = new Set(["awaiting_redirect", "in_review", "awaiting_notice_window", "needs_operator"]);

/** POST /api/manage/demands/{id}/objection: compliance staff record a customer's objection received after notice; reviewers look again. */
export function makeCustomerObjectionHandler(
  resolve: (context: InvocationContext) => Promise<{ demands: DemandStore; lifecycle: LifecycleControl; now: () => Date }>,
): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const id = request.params.id ?? "";
    const { value } = await readJsonBody(request, 64 * 1024);
    const { summary } = parseBody(Objection, value);
    const at = deps.now().toISOString();
    // On the demand before the lifecycle is told: the round it re-opens shows reviewers the objection, whatever fails
    // after. The same summary again (a retry, a double click) is that objection, passed on only if it was not yet.
    const claimed = await updateDemand(deps.demands, id, (r) => {
      if ((r.customerObjections ?? []).some((o) => o.summary === summary)) return null;
      if (!OBJECTION_HEARD.has(r.status)) throw new DomainError("invalid-state", "The demand is past the point where reviewers can weigh an objection.");
      return { ...r, customerObjections: [...(r.customerObjections ?? []), { summary, recordedAt: at }] };
    });
    const index = (claimed.customerObjections ?? []).findIndex((o) => o.summary === summary);
    const stepId = `${id}:objection:${index}`;
    if (claimed.timeline.some((entry) => entry.id === stepId)) return { status: 202, headers: NO_STORE, jsonBody: { id, status: claimed.status } };
    // Its position on the demand: the lifecycle may find it there first (delivered after the window's Tick) and hears it once.
    await deps.lifecycle.raise(id, LifecycleEvent.customerObjection, { summary, index });
    // The step is written only once the lifecycle was told: it is what marks the objection passed on.
    await updateDemand(deps.demands, id, (r) =>
      r.timeline.some((entry) => entry.id === stepId)
        ? null
        : { ...r, timeline: [...r.timeline, { id: stepId, at, step: "customer objection recorded", detail: "An objection from the customer was recorded by compliance staff." }] },
    );
    return { status: 202, headers: NO_STORE, jsonBody: { id, status: claimed.status } };
  });
}
