import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** Function and admin keys; when both lists are empty no key is required (like Core Tools). */
export interface HostKeys {
  functionKeys: string[];
  adminKeys: string[];
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The key a caller presented in `x-functions-key` or the `code` query parameter. */
export function presentedKey(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers["x-functions-key"];
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("code") ?? undefined;
}

/** Whether a request may call something with this auth level ("anonymous", "function", "admin", "system"). */
export function authorized(level: string, key: string | undefined, keys: HostKeys): boolean {
  const normalized = level.toLowerCase();
  if (normalized === "anonymous") return true;
  if (keys.functionKeys.length === 0 && keys.adminKeys.length === 0) return true;
  if (key === undefined) return false;
  if (keys.adminKeys.some((k) => same(k, key))) return true;
  return normalized === "function" && keys.functionKeys.some((k) => same(k, key));
}
