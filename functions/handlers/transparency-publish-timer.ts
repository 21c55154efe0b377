import type { EffectLedger } from "../../shared/ports/effect-ledger";
import type { Mailer } from "../../shared/ports/mailer";
import { renderMessage } from "../../shared/review/messages/message-document";
import { publishClosedReports, PublishRefused, type PublishReportsDeps } from "../../shared/transparency/publish-reports";
import type { TimerHandler } from "./audit-checkpoint-timer";

/** What the publication timer needs. */
export interface TransparencyPublishTimerDeps extends PublishReportsDeps {
  now: () => Date;
  ledger: EffectLedger;
  mailer: Mailer;
  /** Who is told when a publication is refused (OPERATOR_EMAILS, else the escalation reviewers). */
  operators: string[];
}

/** Timer: publishes each closed half-year's report (JSON, CSV, HTML) once its national-security delay has passed; existing files are skipped. */
export function makeTransparencyPublishTimer(resolve: () => Promise<TransparencyPublishTimerDeps>): TimerHandler {
  return async (_timer, context) => {
    const deps = await resolve();
    let written: string[];
    try {
      written = await publishClosedReports(deps, deps.now().toISOString().slice(0, 10));
    } catch (error) {
      // A refusal only ends when an admin's rebuild completes; a failed timer run alone tells nobody, and the run
      // fails again every day. The operators are mailed once per period (aggregate figures only, no customer data).
      if (error instanceof PublishRefused) {
        context.warn(error.message);
        await deps.ledger.once(`transparency-publish-refused:${error.period}`, async () => (await deps.mailer.send({ to: deps.operators, ...refusedMessage(error.period) })).messageId);
      }
      throw error;
    }
    context.log(written.length === 0 ? "transparency reports: nothing new to publish" : `transparency reports published: ${written.join(", ")}`);
  };
}

function refusedMessage(period: string) {
  return renderMessage(`Transparency report not published: ${period}`, [
    { paragraph: `The transparency report of ${period} is due but was not published: the transparency counters are being rebuilt, or a rebuild started and did not finish, so they may be half replaced.` },
    { paragraph: "The publication timer tries again on every run. If no rebuild is running now, run one to completion with POST /api/manage/transparency/rebuild (administrator key); the next run then publishes the report." },
  ]);
}
