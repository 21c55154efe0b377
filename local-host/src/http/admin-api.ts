import type { IncomingMessage, ServerResponse } from "node:http";
import type { Scheduler } from "../time/scheduler";
import type { VirtualClock } from "../time/clock";
import { parseIsoDuration } from "../time/iso-duration";
import { readBody, sendJson } from "./io";

function clockBody(clock: VirtualClock): Record<string, unknown> {
  return { now: new Date(clock.now()).toISOString(), offsetMs: clock.offset };
}

/** Serves `GET/POST /admin/clock` (only mounted when the host runs with admin routes enabled). */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, subPath: string, clock: VirtualClock, scheduler: Scheduler): Promise<boolean> {
  if (subPath.replace(/\/+$/, "") !== "clock") return false;
  if (req.method === "GET") {
    sendJson(res, 200, clockBody(clock));
    return true;
  }
  if (req.method !== "POST") {
    res.writeHead(405).end();
    return true;
  }
  let request: { advance?: unknown; set?: unknown };
  try {
    request = JSON.parse((await readBody(req)).toString("utf8") || "{}") as { advance?: unknown; set?: unknown };
  } catch {
    sendJson(res, 400, { error: "Body must be JSON: { \"advance\": \"P1D\" } or { \"set\": \"<ISO time>\" }" });
    return true;
  }
  let target: number;
  try {
    if (typeof request.advance === "string") target = clock.now() + parseIsoDuration(request.advance);
    else if (typeof request.set === "string" && !Number.isNaN(Date.parse(request.set))) target = Date.parse(request.set);
    else throw new RangeError("Give either advance (ISO 8601 duration) or set (ISO 8601 time)");
  } catch (error) {
    sendJson(res, 400, { error: (error as Error).message });
    return true;
  }
  await scheduler.setTo(target);
  sendJson(res, 200, clockBody(clock));
  return true;
}
