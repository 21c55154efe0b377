import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { loadApp } from "./app/app-loader";
import { AppInvoker, type HostLog } from "./app/invoker";
import { loadLocalSettings, readHostJson } from "./app/settings";
import { clientBindingData } from "./durable/client-binding";
import { DurableEngine, type FunctionInvoker } from "./durable/engine";
import type { HostOptions, RunningHost } from "./host-options";
import { handleAdmin } from "./http/admin-api";
import { DurableHttpApi } from "./http/durable-api";
import { HttpTriggerRouter } from "./http/http-trigger";
import { authorized, presentedKey, type HostKeys } from "./http/keys";
import { Journal } from "./store/journal";
import { VirtualClock } from "./time/clock";
import { parseIsoDuration } from "./time/iso-duration";
import { Scheduler } from "./time/scheduler";
import { TimerTriggers } from "./time/timer-triggers";

/** Kestrel's KeepAliveTimeout default. */
const KEEP_ALIVE_TIMEOUT_MS = 130_000;

const consoleLog: HostLog = (level, message) => {
  const line = `[local-host] ${message}`;
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
};

/** The hostname this process set for the SDK, so a later host in the same process may replace it. */
let websiteHostnameSetByHost: string | undefined;

/** Where the host publishes its virtual clock for the app it runs (read by the app's local Clock adapter). */
export const clockSymbol = Symbol.for("local-host.clock");

/** Publishes the virtual clock as `globalThis[Symbol.for("local-host.clock")].now()` before the app loads. */
function publishClock(clock: VirtualClock): void {
  (globalThis as Record<symbol, unknown>)[clockSymbol] = { now: (): number => clock.now() };
}

/** Starts a local Functions host for the app in `options.appDir` and resolves once it is listening. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const log = options.log ?? consoleLog;
  const appDir = path.resolve(options.appDir);
  for (const [key, value] of Object.entries(options.env ?? {})) process.env[key] = value;
  loadLocalSettings(appDir);
  const hostJson = readHostJson(appDir);
  const stateDir = path.resolve(options.stateDir ?? process.env.LOCAL_HOST_STATE_DIR ?? path.join(appDir, ".local", "host"));
  const journal = Journal.open(stateDir);
  const savedOffset = journal.records("clock")[0]?.v;
  const clock = new VirtualClock(typeof savedOffset === "number" ? savedOffset : 0);
  const keys: HostKeys = { functionKeys: options.functionKeys ?? [], adminKeys: options.adminKeys ?? [] };

  const server = http.createServer();
  // Azure's Functions host (Kestrel) keeps an idle keep-alive connection 130 s; Node's 5 s default let a client (the
  // durable client's own calls included) reuse a connection the host was closing and be reset.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 7071, options.hostname ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${options.hostname && options.hostname !== "0.0.0.0" ? options.hostname : "127.0.0.1"}:${port}`;
  // Core Tools sets WEBSITE_HOSTNAME; without it the SDK rewrites management URLs to localhost:7071.
  if (process.env.WEBSITE_HOSTNAME === undefined || process.env.WEBSITE_HOSTNAME === websiteHostnameSetByHost) {
    websiteHostnameSetByHost = `127.0.0.1:${port}`;
    process.env.WEBSITE_HOSTNAME = websiteHostnameSetByHost;
  }
  // The SDK's DurableClient calls rpcBaseUrl without any key; on Azure that endpoint is reachable only from inside
  // the worker's sandbox. Here it is an unguessable path handed to the app only, so the public durable routes can
  // require the admin key.
  const rpcPath = `/durabletask/rpc-${randomBytes(16).toString("hex")}/`;
  const binding = () => clientBindingData(origin, hostJson.hubName, keys.adminKeys[0], `${origin}${rpcPath}`);
  publishClock(clock);

  const app = loadApp(appDir, (level, category, message) => {
    if (category !== "system" || level === "error" || level === "warning") log(level === "error" ? "error" : level === "warning" ? "warn" : "info", message);
  });
  const invoker = new AppInvoker(app, binding, log);
  const functionInvoker: FunctionInvoker = {
    hasOrchestration: (name) => invoker.find(name, "orchestrationTrigger") !== undefined,
    orchestrate: async (name, payload) => {
      const reg = invoker.find(name, "orchestrationTrigger");
      if (!reg) throw new Error(`The function '${name}' doesn't exist or is not an orchestrator function.`);
      return invoker.invoke(reg, [payload], invoker.context(reg));
    },
    activity: async (name, input) => {
      const reg = invoker.find(name, "activityTrigger");
      if (!reg) throw new Error(`The function '${name}' doesn't exist, is disabled, or is not an activity function.`);
      return invoker.invoke(reg, [input], invoker.context(reg));
    },
  };
  const engine = new DurableEngine({ journal, clock, invoker: functionInvoker, activityConcurrency: options.activityConcurrency ?? 10, activityTimeoutMs: hostJson.functionTimeoutMs, log, ...(options.onEpisode ? { onEpisode: options.onEpisode } : {}) });
  const triggers = new TimerTriggers(invoker, clock, journal, (work) => engine.trackExternal(work), log);
  const scheduler = new Scheduler(clock, engine, triggers, journal);
  const httpTriggers = new HttpTriggerRouter(invoker, app.lib, keys, log);
  const durableApi = new DurableHttpApi(engine, binding);
  for (const reg of app.registry.functions.values()) {
    const type = Object.values(reg.metadata.bindings).find((b) => /trigger$/i.test(b.type))?.type ?? "none";
    if (!/^(httpTrigger|timerTrigger|orchestrationTrigger|activityTrigger)$/i.test(type)) {
      log("warn", `Function '${reg.metadata.name}' has a ${type} trigger, which the local host does not fire`);
    }
  }

  server.on("request", (req, res) => {
    const url = new URL(req.url ?? "/", origin);
    const route = async (): Promise<boolean> => {
      const pathname = url.pathname;
      const prefix = hostJson.routePrefix === "" ? "/" : `/${hostJson.routePrefix}/`;
      if (pathname.startsWith(rpcPath)) return durableApi.handle(req, res, url, pathname.slice(rpcPath.length));
      const adminArea = ["/runtime/webhooks/durabletask/", "/durabletask/", ...(options.adminEnabled ? ["/admin/"] : [])].find((p) => pathname.startsWith(p));
      if (adminArea && !authorized("admin", presentedKey(req, url), keys)) {
        res.writeHead(401).end();
        return true;
      }
      if (adminArea === "/admin/") return handleAdmin(req, res, pathname.slice(adminArea.length), clock, scheduler);
      if (adminArea) return durableApi.handle(req, res, url, pathname.slice(adminArea.length));
      if (pathname.startsWith(prefix) || pathname + "/" === prefix) return httpTriggers.handle(req, res, url, pathname.slice(prefix.length));
      return false;
    };
    route().then(
      (handled) => {
        if (!handled && !res.headersSent) res.writeHead(404).end();
      },
      (error: unknown) => {
        log("error", `Request ${req.method} ${url.pathname} failed: ${(error as Error)?.stack ?? String(error)}`);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal Server Error");
        else res.destroy();
      },
    );
  });

  await invoker.appHook("appStart");
  engine.restore();
  triggers.startup();
  scheduler.reschedule();
  log("info", `Listening on ${origin} (app ${appDir}, state ${stateDir}); functions: ${[...app.registry.functions.keys()].join(", ")}`);

  let stopped = false;
  const shutdown = async (graceful: boolean): Promise<void> => {
    if (stopped) return;
    stopped = true;
    scheduler.stop();
    engine.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (graceful) {
      await journal.close();
      await invoker.appHook("appTerminate");
    } else {
      journal.abandon();
    }
  };

  return {
    url: origin,
    port,
    functions: [...app.registry.functions.keys()],
    clock: {
      now: () => clock.now(),
      advance: (duration) => scheduler.advanceTo(clock.now() + parseIsoDuration(duration)),
      set: (iso) => scheduler.setTo(Date.parse(iso)),
    },
    idle: () => engine.whenIdle(),
    stop: () => shutdown(true),
    kill: () => shutdown(false),
  };
}
