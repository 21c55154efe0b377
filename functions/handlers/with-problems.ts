import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { errorToResponse } from "../../shared/http/problem-response";

/** An HTTP handler in the v4 programming model. */
export type HttpHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** Wraps a handler so every failure is answered as problem+json with the right status. */
export function withProblems(handler: HttpHandler): HttpHandler {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorToResponse(error, context);
    }
  };
}
