import type { AzureMonitorOpenTelemetryOptions } from "@azure/monitor-opentelemetry";
import { redact, redactUrl, REDACTED } from "./redact";
import { APP_ATTRIBUTE_KEYS, isSafeWord } from "./safe-attributes";

type SpanProcessor = NonNullable<AzureMonitorOpenTelemetryOptions["spanProcessors"]>[number];
type EndedSpan = Parameters<SpanProcessor["onEnd"]>[0];
type AttributeMap = EndedSpan["attributes"];

// Instrumentation attributes that describe the call, not the people in it; strings still pass through redact().
const PLATFORM_KEYS = new Set([
  "http.method",
  "http.request.method",
  "http.status_code",
  "http.response.status_code",
  "http.route",
  "http.scheme",
  "url.scheme",
  "server.address",
  "server.port",
  "net.peer.name",
  "net.peer.port",
  "peer.service",
  "db.system",
  "db.system.name",
  "db.operation",
  "db.operation.name",
  "db.name",
  "db.namespace",
  "db.collection.name",
  "az.namespace",
  "error.type",
  "exception.type",
  "otel.status_code",
  "rpc.system",
  "microsoft.sample_rate",
]);
// URL attributes keep origin and path shape only.
const URL_KEYS = new Set(["url.full", "http.url", "http.target", "url.path"]);

/** Keeps only allow-listed attributes of any span (the app's and the instrumentations'), scrubbing what they hold. */
export function scrubAttributes(attributes: AttributeMap): void {
  for (const [key, value] of Object.entries(attributes)) {
    if (URL_KEYS.has(key) && typeof value === "string") attributes[key] = redactUrl(value);
    else if (APP_ATTRIBUTE_KEYS.has(key)) attributes[key] = typeof value === "string" && !isSafeWord(value) ? REDACTED : value;
    else if (PLATFORM_KEYS.has(key)) attributes[key] = typeof value === "string" ? redact(value) : value;
    else delete attributes[key];
  }
}

/**
 * A span processor that runs before the exporter and scrubs every span, including those the HTTP and Azure SDK
 * instrumentations make: names and attributes are redacted, URLs lose their queries (SAS sig=, signed webhook
 * URLs), exception messages and stacks are dropped (they may quote customer data), status messages are cleared.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  onStart(): void {}

  onEnd(span: EndedSpan): void {
    // The SDK hands the live span object to each processor in turn; the exporter's processor comes after this one.
    (span as { name: string }).name = redact(span.name);
    scrubAttributes(span.attributes);
    for (const event of span.events) {
      if (event.attributes !== undefined) scrubAttributes(event.attributes);
    }
    if (span.status.message !== undefined) (span.status as { message?: string }).message = undefined;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
