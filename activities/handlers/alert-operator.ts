import { EMERGENCY_UNDECIDED } from "../../shared/domain/lifecycle/decider";
import type { EffectLedger } from "../../shared/ports/effect-ledger";
import type { Mailer } from "../../shared/ports/mailer";
import { renderMessage } from "../../shared/review/messages/message-document";

/** What alerting an operator needs. */
export interface AlertOperatorDeps {
  mailer: Mailer;
  ledger: EffectLedger;
  operators: string[];
  publicBaseUrl: string;
}

/** Tells the operators that a demand is parked after a step kept failing (with the stable code and how to resume it), or that an emergency is undecided past its deadline; once per key. */
export function makeAlertOperatorHandler(resolve: () => Promise<AlertOperatorDeps>) {
  return async (input: { demandId: string; key: string; code: string }): Promise<void> => {
    const deps = await resolve();
    const resume = `${deps.publicBaseUrl.replace(/\/$/, "")}/api/manage/demands/${encodeURIComponent(input.demandId)}/resume`;
    const message =
      input.code === EMERGENCY_UNDECIDED
        ? renderMessage(`Emergency request undecided: ${input.demandId}`, [
            { paragraph: `Emergency demand ${input.demandId} passed its escalated review deadline without a reviewer's decision (code ${input.code}). Nothing is released without a reviewer; the demand waits in review.` },
            { paragraph: "Find a reviewer to decide it now: the reviewers have their review links from the escalation and its reminders." },
          ])
        : renderMessage(`Demand needs an operator: ${input.demandId}`, [
            { paragraph: `A step of demand ${input.demandId} kept failing after its retries (code ${input.code}). Nothing was released by the failed step; the demand waits.` },
            { paragraph: `When the cause is fixed, resume it with POST ${resume} (administrator key).` },
          ]);
    await deps.ledger.once(input.key, async () => (await deps.mailer.send({ to: deps.operators, ...message })).messageId);
  };
}
