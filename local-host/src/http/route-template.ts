import { pathSegments } from "./path-decoding";

/** A compiled Functions route template such as `orders/{id:int}/{part?}` or `files/{*path}`. */
export interface RouteMatcher {
  template: string;
  match(path: string): Record<string, string> | undefined;
}

interface Segment {
  literal?: string;
  param?: string;
  optional?: boolean;
  catchAll?: boolean;
  constraint?: string;
}

function parseSegment(text: string): Segment {
  const m = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+)(?:\([^)]*\))?)?(\?)?\}$/.exec(text);
  if (!m) return { literal: text.toLowerCase() };
  const segment: Segment = { param: m[2] ?? "", optional: m[4] === "?" || m[1] === "*", catchAll: m[1] === "*" };
  if (m[3]) segment.constraint = m[3].toLowerCase();
  return segment;
}

function satisfies(value: string, constraint: string | undefined): boolean {
  switch (constraint) {
    case "int":
    case "long":
      return /^-?\d+$/.test(value);
    case "guid":
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
    case "bool":
      return /^(true|false)$/i.test(value);
    case "alpha":
      return /^[a-z]+$/i.test(value);
    default:
      return true;
  }
}

/**
 * Compiles a route template (literal segments match case-insensitively; `{p?}` optional; `{*p}` catch-all).
 * `match` takes the raw (still percent-encoded) path and decodes each segment as Kestrel does (path-decoding.ts).
 */
export function compileRoute(template: string): RouteMatcher {
  const segments = template.replace(/^\/+|\/+$/g, "").split("/").filter((s) => s !== "").map(parseSegment);
  return {
    template,
    match(path: string) {
      const parts = pathSegments(path);
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const segment = segments[i];
        if (!segment) return undefined;
        const part = parts[i];
        if (segment.catchAll) {
          if (parts.length > i) params[segment.param ?? ""] = parts.slice(i).join("/");
          return params;
        }
        if (part === undefined) {
          if (segment.optional && segments.slice(i).every((s) => s.optional)) return params;
          return undefined;
        }
        if (segment.literal !== undefined) {
          if (part.toLowerCase() !== segment.literal) return undefined;
        } else {
          const value = part;
          if (!satisfies(value, segment.constraint)) return undefined;
          params[segment.param ?? ""] = value;
        }
      }
      return parts.length === segments.length ? params : undefined;
    },
  };
}
