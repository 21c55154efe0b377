import { performance } from "node:perf_hooks";
import { recordActivityDuration } from "./lifecycle-metrics";
import { withSpan, type SpanNotes } from "./with-span";

/** Runs a durable activity's body in a span named "activity <name>" and records its duration and outcome. */
export async function traceActivity<T>(activity: string, fn: (notes: SpanNotes) => Promise<T> | T): Promise<T> {
  const started = performance.now();
  let outcome: "success" | "failure" = "failure";
  try {
    const result = await withSpan(`activity ${activity}`, { activity }, fn);
    outcome = "success";
    return result;
  } finally {
    recordActivityDuration(activity, outcome, performance.now() - started);
  }
}
