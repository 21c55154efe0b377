import type { InvocationContext } from "@azure/functions";
import { z } from "zod";
import type { AuditLog } from "../../shared/ports/audit-log";
import { shownText } from "../../shared/domain/primitives";
import { parseBody, readJsonBody } from "../../shared/http/read-json-body";
import { authenticateRequester } from "../../shared/use-cases/authenticate-requester";
import { toStatusView } from "../../shared/use-cases/demand-status";
import { answerCannotRedirect } from "../../shared/use-cases/withdraw-demand";
import type { RequesterLifecycleDeps } from "./withdraw-demand-handler";
import { withProblems, type HttpHandler } from "./with-problems";
import { NO_STORE } from "../../shared/http/problem-response";

/** The body of POST /api/demands/{id}/cannot-redirect; zero-width and other invisible characters do not count towards the 20. */
export const CannotRedirect = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(20, "explain the legal reason in at least 20 characters")
    .max(4000)
    .refine((reason) => reason.length < 20 || shownText(reason).length >= 20, "explain the legal reason in at least 20 visible characters"),
});

/** POST /api/demands/{id}/cannot-redirect: the requester's legal reason why the enterprise customer cannot be approached (R4). */
export function makeCannotRedirectHandler(resolve: (context: InvocationContext) => Promise<RequesterLifecycleDeps & { audit: AuditLog }>): HttpHandler {
  return withProblems(async (request, context) => {
    const deps = await resolve(context);
    const requester = await authenticateRequester(deps.requesters, request.headers.get("authorization"));
    const { value } = await readJsonBody(request, 64 * 1024);
    const { reason } = parseBody(CannotRedirect, value);
    const record = await answerCannotRedirect(deps, requester.id, request.params.id ?? "", reason);
    return { status: 202, headers: NO_STORE, jsonBody: toStatusView(record) };
  });
}
