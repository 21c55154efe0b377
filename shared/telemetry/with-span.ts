import { SpanStatusCode, trace } from "@opentelemetry/api";
import { safeAttributes, safeName, type TelemetryAttributes } from "./safe-attributes";
import { TELEMETRY_SCOPE } from "./telemetry-scope";

/** What the code inside a span may add to it (filtered like the starting attributes). */
export interface SpanNotes {
  set(attributes: TelemetryAttributes): void;
}

// The error's class name when it is a plain one; never its message, which may hold customer data.
function errorTypeOf(error: unknown): string {
  return error instanceof Error && /^[A-Z][A-Za-z]{0,40}$/.test(error.name) ? error.name : "Error";
}

/**
 * Runs `fn` inside a span named `name` carrying only safe attributes (shared/telemetry/safe-attributes.ts).
 * A failure marks the span as an error with the error's type only, and is rethrown unchanged.
 * Without startTelemetry the API is a no-op and this just runs `fn`.
 */
export async function withSpan<T>(name: string, attributes: TelemetryAttributes, fn: (notes: SpanNotes) => Promise<T> | T): Promise<T> {
  // Looked up per call: a tracer fetched before startTelemetry registered the provider would stay a no-op.
  const tracer = trace.getTracer(TELEMETRY_SCOPE);
  return tracer.startActiveSpan(safeName(name), { attributes: safeAttributes(attributes) }, async (span) => {
    try {
      return await fn({ set: (more) => span.setAttributes(safeAttributes(more)) });
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute("error.type", errorTypeOf(error));
      throw error;
    } finally {
      span.end();
    }
  });
}
