import { redact, REDACTED } from "./redact";

/** Attributes the app hands to telemetry; only allow-listed keys with safe values get through. */
export type TelemetryAttributes = Record<string, string | number | boolean | undefined>;

/** The app's telemetry attributes: each key holds an enumeration word or a count, never an identifier. */
const ALLOWED: Record<string, "word" | "count"> = {
  activity: "word",
  step: "word",
  outcome: "word",
  kind: "word",
  status: "word",
  reason: "word",
  category: "word",
  transport: "word",
  trigger: "word",
  round: "count",
  attempt: "count",
  count: "count",
  categories: "count",
};

/** The keys the app may give its spans and metrics. */
export const APP_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set(Object.keys(ALLOWED));

const WORD = /^[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)*$/;

/** True when `value` is a plain enumeration word (e.g. "approved", "content_mail", "collectScope") with nothing identifier-like in it. */
export function isSafeWord(value: string): boolean {
  return value.length <= 48 && WORD.test(value) && redact(value) === value;
}

/** The attributes that may leave the process: unknown keys are dropped, unsafe values of known keys become "[redacted]". */
export function safeAttributes(attributes: TelemetryAttributes): Record<string, string | number> {
  const safe: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const rule = ALLOWED[key];
    if (rule === undefined || value === undefined) continue;
    if (rule === "count") safe[key] = typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : REDACTED;
    else safe[key] = typeof value === "string" && isSafeWord(value) ? value : REDACTED;
  }
  return safe;
}

/** A span or metric name the app chose, or "[redacted]" when it carries anything but words. */
export function safeName(name: string): string {
  return name.length <= 64 && /^[a-z][A-Za-z0-9 ._:-]*$/.test(name) && redact(name) === name ? name : REDACTED;
}
