import { metrics, trace } from "@opentelemetry/api";
import { beforeEach, describe, expect, it, vi } from "vitest";

const useAzureMonitor = vi.hoisted(() => vi.fn());
vi.mock("@azure/monitor-opentelemetry", () => ({ useAzureMonitor }));

const { startTelemetry } = await import("../../../shared/telemetry/start-telemetry");
const { RedactingSpanProcessor } = await import("../../../shared/telemetry/redacting-span-processor");
const { withSpan } = await import("../../../shared/telemetry/with-span");
const { countLifecycleStep } = await import("../../../shared/telemetry/lifecycle-metrics");

describe("startTelemetry", () => {
  beforeEach(() => {
    trace.disable();
    metrics.disable();
  });

  it("does nothing without a connection string: no SDK, no provider, the helpers just run", async () => {
    expect(startTelemetry(undefined)).toBe(false);
    expect(startTelemetry("  ")).toBe(false);
    expect(useAzureMonitor).not.toHaveBeenCalled();
    expect(trace.getTracer("probe").startSpan("probe").isRecording()).toBe(false);
    expect(await withSpan("probe", { step: "review" }, () => 42)).toBe(42);
    expect(() => countLifecycleStep("review", "approved")).not.toThrow();
  });

  it("starts Azure Monitor once with the connection string, the redacting processor first, and no Live Metrics", () => {
    const connectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1/";
    expect(startTelemetry(connectionString)).toBe(true);
    expect(startTelemetry(connectionString)).toBe(true);
    expect(useAzureMonitor).toHaveBeenCalledTimes(1);
    const [options] = useAzureMonitor.mock.calls[0] ?? [];
    expect(options).toMatchObject({ azureMonitorExporterOptions: { connectionString }, enableLiveMetrics: false });
    expect(options.spanProcessors[0]).toBeInstanceOf(RedactingSpanProcessor);
  });
});

describe("startTelemetry with Entra ID authentication (Application Insights local auth off)", () => {
  it("passes a managed identity credential when APPLICATIONINSIGHTS_AUTHENTICATION_STRING says Authorization=AAD", async () => {
    vi.resetModules();
    useAzureMonitor.mockClear();
    const { ManagedIdentityCredential } = await import("@azure/identity");
    const fresh = await import("../../../shared/telemetry/start-telemetry");
    const connectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1/";
    expect(fresh.startTelemetry(connectionString, "Authorization=AAD")).toBe(true);
    const [options] = useAzureMonitor.mock.calls[0] ?? [];
    expect(options.azureMonitorExporterOptions.credential).toBeInstanceOf(ManagedIdentityCredential);
  });

  it("sends with the connection string alone when no Entra authentication is asked for", async () => {
    vi.resetModules();
    useAzureMonitor.mockClear();
    const fresh = await import("../../../shared/telemetry/start-telemetry");
    expect(fresh.startTelemetry("InstrumentationKey=00000000-0000-0000-0000-000000000000", undefined)).toBe(true);
    const [options] = useAzureMonitor.mock.calls[0] ?? [];
    expect(options.azureMonitorExporterOptions.credential).toBeUndefined();
  });
});
