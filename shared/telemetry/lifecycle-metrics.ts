import { metrics, type Counter, type Histogram, type MeterProvider } from "@opentelemetry/api";
import { safeAttributes } from "./safe-attributes";
import { TELEMETRY_SCOPE } from "./telemetry-scope";

interface Instruments {
  provider: MeterProvider;
  steps: Counter;
  durations: Histogram;
}

let instruments: Instruments | undefined;

// Instruments made from the no-op provider stay no-ops: make them again once startTelemetry registers a real one.
function currentInstruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (instruments?.provider !== provider) {
    const meter = provider.getMeter(TELEMETRY_SCOPE);
    instruments = {
      provider,
      steps: meter.createCounter("lrw.lifecycle.steps", { description: "Lifecycle steps recorded, by step and outcome" }),
      durations: meter.createHistogram("lrw.activity.duration", { description: "Activity run time, by activity and outcome", unit: "ms" }),
    };
  }
  return instruments;
}

/** Counts one lifecycle step (e.g. step "review", outcome "approved"); both must be enumeration words. */
export function countLifecycleStep(step: string, outcome: string): void {
  currentInstruments().steps.add(1, safeAttributes({ step, outcome }));
}

/** Records how long one activity ran and whether it succeeded. */
export function recordActivityDuration(activity: string, outcome: "success" | "failure", milliseconds: number): void {
  currentInstruments().durations.record(milliseconds, safeAttributes({ activity, outcome }));
}
