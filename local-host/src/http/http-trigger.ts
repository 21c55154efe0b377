import { Readable } from "node:stream";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { AppInvoker, HostLog } from "../app/invoker";
import type { FunctionsLib } from "../app/app-loader";
import type { Registration } from "../app/core-api";
import { triggerOf } from "../app/invoker";
import { readBody } from "./io";
import { authorized, presentedKey, type HostKeys } from "./keys";
import { compileRoute, type RouteMatcher } from "./route-template";

interface HttpRoute {
  reg: Registration;
  matcher: RouteMatcher;
  methods: Set<string> | undefined;
  authLevel: string;
}

interface CookieLike {
  name: string;
  value: string;
  domain?: string;
  path?: string;
  expires?: Date | number;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
  maxAge?: number;
}

interface ResponseLike {
  status: number;
  headers: Headers;
  cookies: CookieLike[];
  body: WebReadableStream | null;
}

function serializeCookie(c: CookieLike): string {
  const parts = [`${c.name}=${c.value}`];
  if (c.domain) parts.push(`Domain=${c.domain}`);
  if (c.path) parts.push(`Path=${c.path}`);
  if (c.expires !== undefined) parts.push(`Expires=${new Date(c.expires).toUTCString()}`);
  if (c.maxAge !== undefined) parts.push(`Max-Age=${c.maxAge}`);
  if (c.secure) parts.push("Secure");
  if (c.httpOnly) parts.push("HttpOnly");
  if (c.sameSite) parts.push(`SameSite=${c.sameSite}`);
  return parts.join("; ");
}

/** Serves the app's HTTP triggers under the route prefix, converting to and from @azure/functions types. */
export class HttpTriggerRouter {
  private readonly routes: HttpRoute[];

  constructor(
    private readonly invoker: AppInvoker,
    private readonly lib: FunctionsLib,
    private readonly keys: HostKeys,
    private readonly log: HostLog,
  ) {
    this.routes = invoker.byTrigger("httpTrigger").map((reg) => {
      const trigger = triggerOf(reg);
      const route = typeof trigger?.route === "string" && trigger.route !== "" ? trigger.route : reg.metadata.name;
      const methods = Array.isArray(trigger?.methods) ? new Set((trigger.methods as string[]).map((m) => m.toUpperCase())) : undefined;
      return { reg, matcher: compileRoute(route), methods, authLevel: typeof trigger?.authLevel === "string" ? trigger.authLevel : "function" };
    });
    // More literal routes win over parameterised ones, as ASP.NET routing orders them.
    this.routes.sort((a, b) => literalWeight(b.matcher.template) - literalWeight(a.matcher.template));
  }

  /** The routes served, for the startup banner. */
  describe(): string[] {
    return this.routes.map((r) => `${[...(r.methods ?? ["*"])].join(",")} ${r.matcher.template} -> ${r.reg.metadata.name}`);
  }

  /** Handles the request if a route matches `subPath` (the path after the prefix); false if none does. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, subPath: string): Promise<boolean> {
    const method = (req.method ?? "GET").toUpperCase();
    let methodMismatch = false;
    for (const route of this.routes) {
      const params = route.matcher.match(subPath);
      if (!params) continue;
      if (route.methods && !route.methods.has(method)) {
        methodMismatch = true;
        continue;
      }
      if (!authorized(route.authLevel, presentedKey(req, url), this.keys)) {
        res.writeHead(401).end();
        return true;
      }
      await this.invoke(route, params, req, res, url);
      return true;
    }
    if (methodMismatch) {
      res.writeHead(405).end();
      return true;
    }
    return false;
  }

  private async invoke(route: HttpRoute, params: Record<string, string>, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
    }
    const body = await readBody(req);
    const request = new this.lib.HttpRequest({
      method: req.method ?? "GET",
      url: url.toString(),
      headers,
      query: Object.fromEntries(url.searchParams),
      params,
      body: { bytes: body },
    });
    const context = this.invoker.context(route.reg, { req: request });
    let result: unknown;
    try {
      result = await this.invoker.invoke(route.reg, [request], context);
    } catch (error) {
      this.log("error", `Function '${route.reg.metadata.name}' (invocation ${context.invocationId}) failed: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal Server Error");
      return;
    }
    if (result === undefined || result === null) {
      res.writeHead(204).end();
      return;
    }
    const response = (result instanceof this.lib.HttpResponse ? result : new this.lib.HttpResponse(result as Record<string, unknown>)) as ResponseLike;
    const outHeaders: Record<string, string | string[]> = {};
    response.headers.forEach((value, key) => {
      if (key !== "set-cookie") outHeaders[key] = value;
    });
    const cookies = [...response.headers.getSetCookie(), ...response.cookies.map(serializeCookie)];
    if (cookies.length > 0) outHeaders["set-cookie"] = cookies;
    res.writeHead(response.status, outHeaders);
    if (!response.body) {
      res.end();
      return;
    }
    const stream = Readable.fromWeb(response.body);
    stream.on("error", (error) => {
      this.log("error", `Function '${route.reg.metadata.name}' response stream failed: ${error.message}`);
      res.destroy(error);
    });
    stream.pipe(res);
  }
}

function literalWeight(template: string): number {
  return template.split("/").filter((s) => s !== "" && !s.startsWith("{")).length * 2 - (template.includes("{*") ? 1 : 0);
}
