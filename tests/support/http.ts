import { randomUUID } from "node:crypto";
import { HttpRequest, InvocationContext, type HttpResponseInit } from "@azure/functions";

/** Builds an HttpRequest of @azure/functions as the host would hand it to a handler. */
export function aRequest(options: {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  params?: Record<string, string>;
}): HttpRequest {
  const body = options.body === undefined ? undefined : typeof options.body === "string" ? { string: options.body } : { bytes: options.body };
  return new HttpRequest({
    method: options.method ?? "GET",
    url: options.url ?? "http://localhost:7071/api/test",
    headers: options.headers ?? {},
    params: options.params ?? {},
    ...(body === undefined ? {} : { body }),
  });
}

/** A fresh InvocationContext that swallows logs. */
export function aContext(functionName = "test"): InvocationContext {
  return new InvocationContext({ invocationId: `inv-${Math.random().toString(16).slice(2)}`, functionName, logHandler: () => undefined });
}

/** A JSON POST with a bearer token and an idempotency key. */
export function aJsonPost(body: unknown, headers: Record<string, string> = {}): HttpRequest {
  return aRequest({
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A vetting POST (POST /api/manage/requesters) with its required Idempotency-Key, a fresh one unless given. */
export function aVettingPost(body: unknown, idempotencyKey: string = randomUUID()): HttpRequest {
  return aJsonPost(body, { "idempotency-key": idempotencyKey });
}

/** The JSON body of a handler's answer. */
export function jsonOf(response: HttpResponseInit): Record<string, unknown> {
  return response.jsonBody as Record<string, unknown>;
}
