import { useAzureMonitor } from "@azure/monitor-opentelemetry";
import { RedactingSpanProcessor } from "./redacting-span-processor";

let started = false;

/**
 * Sends the app's traces and metrics to Application Insights when a connection string is set; without one
 * (npm start, tests) it does nothing and the OpenTelemetry API stays a no-op. Call once, before any other
 * SDK client is made, with process.env.APPLICATIONINSIGHTS_CONNECTION_STRING. Returns whether telemetry runs.
 */
export function startTelemetry(connectionString: string | undefined): boolean {
  if (started) return true;
  if (connectionString === undefined || connectionString.trim() === "") return false;
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    spanProcessors: [new RedactingSpanProcessor()],
    // Live Metrics streams spans before any processor could scrub them.
    enableLiveMetrics: false,
  });
  started = true;
  return true;
}
