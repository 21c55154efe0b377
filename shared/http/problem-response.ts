import type { HttpResponseInit, InvocationContext } from "@azure/functions";
import { DomainError } from "../errors/domain-error";
import { problemStatus } from "./problem-status";

/** The headers of an answer that carries a demand's state or a package: no cache may keep it. */
export const NO_STORE: Readonly<Record<string, string>> = { "cache-control": "no-store" };

const TYPE_BASE = "https://lawful-request-workflow.dev/problems/";

/** RFC 9457 problem+json for a DomainError, with its stable type and the invocation id. */
export function problemResponse(error: DomainError, context: InvocationContext, headers: Record<string, string> = {}): HttpResponseInit {
  const status = problemStatus(error.code);
  return {
    status,
    // A refusal can name a demand's state ("a demand that is delivered can no longer be withdrawn"): never cached.
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
    jsonBody: {
      type: `${TYPE_BASE}${error.code}`,
      title: error.code.replace(/-/g, " "),
      status,
      detail: error.message,
      invocationId: context.invocationId,
      ...(error.fields.length > 0 ? { errors: error.fields } : {}),
    },
  };
}

/** Turns any thrown value into a problem response; unexpected errors are logged by type only and answered 500. */
export function errorToResponse(error: unknown, context: InvocationContext): HttpResponseInit {
  if (error instanceof DomainError) return problemResponse(error, context);
  context.error(`unhandled error in ${context.functionName}: ${describeError(error)}`);
  return problemResponse(new DomainError("internal", "The server could not complete the request."), context);
}

/** Names an error for the server log without its message, which for SDK errors can echo request data. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? "").split("\n").slice(1, 6).join("\n");
  return `${error.name}${code === undefined ? "" : ` (code ${String(code)})`}\n${frames}`;
}
