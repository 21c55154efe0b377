import { traceActivity } from "../shared/telemetry/trace-activity";

/** Wraps an activity handler in a span and the activity-duration metric (no-ops without telemetry). */
export function traced<I, O>(activity: string, handler: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return (input) => traceActivity(activity, () => handler(input));
}
