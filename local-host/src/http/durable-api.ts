import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { managementPayload } from "../durable/client-binding";
import type { DurableEngine, OperationResult } from "../durable/engine";
import { filterInstances, statusJson, type InstanceFilter } from "../durable/status";
import type { RuntimeStatus } from "../durable/types";
import { parseJsonBody, readBody, sendJson } from "./io";
import { pathSegments } from "./path-decoding";

const completedStatuses = new Set<RuntimeStatus>(["Completed", "Failed", "Terminated"]);

function flag(url: URL, name: string, fallback: boolean): boolean {
  const value = url.searchParams.get(name);
  return value === null ? fallback : value.toLowerCase() === "true";
}

function filterFrom(url: URL): InstanceFilter | "invalid" {
  const filter: InstanceFilter = {};
  for (const [name, key] of [["createdTimeFrom", "createdTimeFrom"], ["createdTimeTo", "createdTimeTo"]] as const) {
    const value = url.searchParams.get(name);
    if (value === null || value === "") continue;
    const time = Date.parse(value);
    if (Number.isNaN(time)) return "invalid";
    filter[key] = time;
  }
  const statuses = url.searchParams.get("runtimeStatus");
  if (statuses) filter.runtimeStatus = statuses.split(",").map((s) => s.trim()) as RuntimeStatus[];
  return filter;
}

/** Serves the Durable Functions HTTP API subset that DurableClient uses (same routes and status codes as Azure). */
export class DurableHttpApi {
  constructor(
    private readonly engine: DurableEngine,
    private readonly binding: () => Record<string, unknown>,
  ) {}

  /** Handles `subPath` (after the durabletask prefix); false if it is not a Durable API route. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, subPath: string): Promise<boolean> {
    const parts = pathSegments(subPath);
    const method = (req.method ?? "GET").toUpperCase();
    const [head, id, op, eventName] = parts;
    if (head === "orchestrators" && id && method === "POST" && parts.length <= 3) {
      await this.start(req, res, id, op ?? randomUUID().replace(/-/g, ""));
      return true;
    }
    if (head !== "instances") return false;
    if (!id) {
      if (method === "GET") this.list(req, res, url);
      else if (method === "DELETE") await this.purgeMany(res, url);
      else res.writeHead(405).end();
      return true;
    }
    if (!op) {
      if (method === "GET") this.status(res, url, id);
      else if (method === "DELETE") await this.purgeOne(res, id);
      else res.writeHead(405).end();
      return true;
    }
    if (method !== "POST") {
      res.writeHead(405).end();
      return true;
    }
    const reason = url.searchParams.get("reason") ?? "";
    switch (op) {
      case "raiseEvent":
        await this.raise(req, res, id, eventName);
        return true;
      case "terminate":
        await this.respond(res, this.engine.terminate(id, reason));
        return true;
      case "suspend":
        await this.respond(res, this.engine.suspend(id, reason));
        return true;
      case "resume":
        await this.respond(res, this.engine.resume(id, reason));
        return true;
      case "rewind":
      case "restart":
        sendJson(res, 501, { message: `'${op}' is not supported by the local host` });
        return true;
      default:
        return false;
    }
  }

  private async start(req: IncomingMessage, res: ServerResponse, name: string, instanceId: string): Promise<void> {
    const body = parseJsonBody(await readBody(req));
    if (!body.ok) {
      sendJson(res, 400, { Message: "The request content is not valid JSON." });
      return;
    }
    const result = this.engine.start(name, instanceId, body.json);
    if (result.conflict) {
      sendJson(res, 500, {
        Message: "Something went wrong while processing your request",
        ExceptionMessage: `An Orchestration instance with the status ${result.conflict} already exists.`,
        ExceptionType: "System.InvalidOperationException",
      });
      return;
    }
    await this.engine.commit();
    const payload = managementPayload(this.binding(), instanceId);
    sendJson(res, 202, payload, { location: payload.statusQueryGetUri ?? "", "retry-after": "10" });
  }

  private async raise(req: IncomingMessage, res: ServerResponse, id: string, eventName: string | undefined): Promise<void> {
    const body = parseJsonBody(await readBody(req));
    if (!eventName || !body.ok) {
      sendJson(res, 400, { Message: eventName ? "The request content is not valid JSON." : "An event name is required." });
      return;
    }
    await this.respond(res, this.engine.raiseEvent(id, eventName, body.json));
  }

  private async respond(res: ServerResponse, result: OperationResult): Promise<void> {
    if (result === "accepted") await this.engine.commit();
    res.writeHead(result === "accepted" ? 202 : result === "gone" ? 410 : 404).end();
  }

  private status(res: ServerResponse, url: URL, id: string): void {
    const inst = this.engine.instances.get(id);
    if (!inst) {
      res.writeHead(404).end();
      return;
    }
    const body = statusJson(inst, {
      showInput: flag(url, "showInput", true),
      showHistory: flag(url, "showHistory", false),
      showHistoryOutput: flag(url, "showHistoryOutput", false),
    });
    const failedAs500 = inst.runtimeStatus === "Failed" && flag(url, "returnInternalServerErrorOnFailure", false);
    const status = failedAs500 ? 500 : completedStatuses.has(inst.runtimeStatus) ? 200 : 202;
    const headers: Record<string, string> = status === 202 ? { location: url.toString(), "retry-after": "10" } : {};
    sendJson(res, status, body, headers);
  }

  private list(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const filter = filterFrom(url);
    if (filter === "invalid") {
      sendJson(res, 400, { Message: "Invalid createdTimeFrom/createdTimeTo" });
      return;
    }
    const matching = filterInstances(this.engine.instances.values(), filter);
    const tokenHeader = req.headers["x-ms-continuation-token"];
    const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
    const offset = token ? Number(Buffer.from(token, "base64").toString("utf8")) : 0;
    const topText = url.searchParams.get("top");
    const top = topText ? Math.max(1, Number(topText)) : matching.length || 1;
    if (!Number.isInteger(offset) || offset < 0 || !Number.isFinite(top)) {
      sendJson(res, 400, { Message: "Invalid continuation token or top" });
      return;
    }
    const page = matching.slice(offset, offset + top);
    const options = { showInput: flag(url, "showInput", true), showHistory: false, showHistoryOutput: false };
    const headers: Record<string, string> = {};
    if (offset + top < matching.length) headers["x-ms-continuation-token"] = Buffer.from(String(offset + top)).toString("base64");
    sendJson(res, 200, page.map((inst) => statusJson(inst, options)), headers);
  }

  private async purgeOne(res: ServerResponse, id: string): Promise<void> {
    if (!this.engine.purge(id)) {
      res.writeHead(404).end();
      return;
    }
    await this.engine.commit();
    sendJson(res, 200, { instancesDeleted: 1 });
  }

  private async purgeMany(res: ServerResponse, url: URL): Promise<void> {
    const filter = filterFrom(url);
    if (filter === "invalid") {
      sendJson(res, 400, { Message: "Invalid createdTimeFrom/createdTimeTo" });
      return;
    }
    const victims = filterInstances(this.engine.instances.values(), filter);
    for (const inst of victims) this.engine.purge(inst.instanceId);
    if (victims.length === 0) {
      res.writeHead(404).end();
      return;
    }
    await this.engine.commit();
    sendJson(res, 200, { instancesDeleted: victims.length });
  }
}
