import { publishClosedReports, type PublishReportsDeps } from "../../shared/transparency/publish-reports";
import type { TimerHandler } from "./audit-checkpoint-timer";

/** What the publication timer needs. */
export interface TransparencyPublishTimerDeps extends PublishReportsDeps {
  now: () => Date;
}

/** Timer: publishes each closed half-year's report (JSON, CSV, HTML) once its national-security delay has passed; existing files are skipped. */
export function makeTransparencyPublishTimer(resolve: () => Promise<TransparencyPublishTimerDeps>): TimerHandler {
  return async (_timer, context) => {
    const deps = await resolve();
    const written = await publishClosedReports(deps, deps.now().toISOString().slice(0, 10));
    context.log(written.length === 0 ? "transparency reports: nothing new to publish" : `transparency reports published: ${written.join(", ")}`);
  };
}
