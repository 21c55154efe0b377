import { ManagedIdentityCredential, type TokenCredential } from "@azure/identity";
import { useAzureMonitor } from "@azure/monitor-opentelemetry";
import { RedactingSpanProcessor } from "./redacting-span-processor";

let started = false;

/**
 * Sends the app's traces and metrics to Application Insights when a connection string is set; without one
 * (npm start, tests) it does nothing and the OpenTelemetry API stays a no-op. Call once, before any other
 * SDK client is made, with process.env.APPLICATIONINSIGHTS_CONNECTION_STRING. In Azure, Application Insights
 * accepts only Entra ID (local auth is off): APPLICATIONINSIGHTS_AUTHENTICATION_STRING, the setting the Functions
 * host also reads, then names the managed identity to send with. Returns whether telemetry runs.
 */
export function startTelemetry(
  connectionString: string | undefined,
  authenticationString: string | undefined = process.env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING,
): boolean {
  if (started) return true;
  if (connectionString === undefined || connectionString.trim() === "") return false;
  const credential = entraCredential(authenticationString);
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString, ...(credential === undefined ? {} : { credential }) },
    spanProcessors: [new RedactingSpanProcessor()],
    // Live Metrics streams spans before any processor could scrub them.
    enableLiveMetrics: false,
  });
  started = true;
  return true;
}

/** The managed identity "Authorization=AAD[;ClientId=<id>]" asks for; undefined when it asks for none. */
function entraCredential(authenticationString: string | undefined): TokenCredential | undefined {
  const parts = new Map(
    (authenticationString ?? "")
      .split(";")
      .map((part) => part.split("=").map((s) => s.trim()))
      .map(([key = "", value = ""]) => [key.toLowerCase(), value] as const),
  );
  if (parts.get("authorization")?.toUpperCase() !== "AAD") return undefined;
  const clientId = parts.get("clientid");
  return clientId === undefined || clientId === "" ? new ManagedIdentityCredential() : new ManagedIdentityCredential({ clientId });
}
