import fs from "node:fs";
import path from "node:path";

/** Copies `Values` of the app's local.settings.json into process.env without overriding set variables. */
export function loadLocalSettings(appDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const file = path.join(appDir, "local.settings.json");
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { Values?: Record<string, unknown> };
  const applied: string[] = [];
  for (const [key, value] of Object.entries(parsed.Values ?? {})) {
    if (env[key] !== undefined || value === undefined || value === null) continue;
    env[key] = String(value);
    applied.push(key);
  }
  return applied;
}

/** Replaces `%NAME%` app-setting references the way the Functions host resolves host.json values. */
export function resolveAppSettingRefs(value: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(/%([^%]+)%/g, (whole, name: string) => env[name] ?? whole);
}

/** The parts of host.json the local host honours. */
export interface HostJson {
  routePrefix: string;
  hubName: string;
  /** `functionTimeout` in milliseconds; undefined when unset or -1 (unbounded). */
  functionTimeoutMs: number | undefined;
}

/** Parses a host.json TimeSpan such as "00:10:00" or "1.02:00:00"; undefined for "-1" or nothing. */
export function parseTimeSpan(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "-1") return undefined;
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`host.json functionTimeout "${value}" is not a TimeSpan (hh:mm:ss)`);
  const [, d = "0", h = "0", min = "0", s = "0", frac = "0"] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000 + Math.round(Number(`0.${frac}`) * 1000);
}

/** Reads host.json (route prefix, durable task hub name, function timeout) with the Functions defaults. */
export function readHostJson(appDir: string): HostJson {
  const file = path.join(appDir, "host.json");
  const json = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, "utf8")) as {
        extensions?: { http?: { routePrefix?: string }; durableTask?: { hubName?: string } };
        functionTimeout?: string;
      })
    : {};
  const routePrefix = json.extensions?.http?.routePrefix ?? "api";
  const hub = json.extensions?.durableTask?.hubName;
  const resolvedHub = hub === undefined ? "" : resolveAppSettingRefs(hub);
  return {
    routePrefix: routePrefix.replace(/^\/+|\/+$/g, ""),
    hubName: resolvedHub && !resolvedHub.includes("%") ? resolvedHub : "TestHubName",
    functionTimeoutMs: parseTimeSpan(json.functionTimeout),
  };
}
