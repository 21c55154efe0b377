import type { RequestReviewInput } from "../../shared/domain/lifecycle/activity-inputs";
import type { DemandStore } from "../../shared/ports/demand-store";
import type { EffectLedger } from "../../shared/ports/effect-ledger";
import type { Mailer } from "../../shared/ports/mailer";
import type { TeamsNotifier } from "../../shared/ports/teams-notifier";
import { summarizeDemand } from "../../shared/review/demand-summary";
import { renderMessage } from "../../shared/review/messages/message-document";
import { reviewEscalatedMessage, reviewReminderMessage, reviewRequestedMessage } from "../../shared/review/messages/reviewer-messages";
import { reviewLink, reviewPageLink, type ReviewTokens } from "../../shared/review/review-token";
import { updateDemand } from "../../shared/use-cases/update-demand";

/** What asking reviewers needs. */
export interface RequestReviewDeps {
  demands: DemandStore;
  mailer: Mailer;
  teams: TeamsNotifier | null;
  tokens: ReviewTokens;
  ledger: EffectLedger;
  reviewers: { primary: string[]; escalation: string[] };
  publicBaseUrl: string;
  linkTtlHours: number;
  now: () => Date;
}

const MESSAGE = { initial: reviewRequestedMessage, reminder: reviewReminderMessage, escalation: reviewEscalatedMessage } as const;

/**
 * Mails each reviewer of a pool a deep link to the review page (R8), once per reviewer and effect key, and posts one
 * Teams card per effect key that links to the demand's review page (deciding needs the staff sign-in either way).
 */
export function makeRequestReviewHandler(resolve: () => Promise<RequestReviewDeps>) {
  return async (input: RequestReviewInput): Promise<void> => {
    const deps = await resolve();
    const found = await deps.demands.get(input.demandId);
    if (found === null) throw new Error(`demand ${input.demandId} does not exist`);
    const summary = summarizeDemand(found.record, deps.now());
    const pool = deps.reviewers[input.pool];

    if (input.kind === "secrecy_review_due") {
      const message = renderMessage(`Secrecy order review due: ${summary.reference}`, [
        { paragraph: `The secrecy order on demand ${summary.reference} (${summary.demandId}) has no end date. Policy is to review it every period and to consider a challenge in court.` },
      ]);
      await deps.ledger.once(input.effectKey, () => deps.mailer.send({ to: pool, ...message }));
      return;
    }

    const kind = input.kind;
    // The round's pool is recorded before the escalation pool is asked, so its members can decide at once (R8).
    if (input.pool === "escalation") {
      await updateDemand(deps.demands, input.demandId, (r) => {
        const index = r.reviewRounds.findIndex((round) => round.round === input.round);
        const round = r.reviewRounds[index];
        if (round === undefined || round.pool === "escalation") return null;
        const reviewRounds = [...r.reviewRounds];
        reviewRounds[index] = { ...round, pool: "escalation" };
        return { ...r, reviewRounds };
      });
    }
    // A step run after its round's deadline (a retry after an outage, a clock moved ahead) still mails a usable link.
    const expiresAt = new Date(Math.max(Date.parse(input.deadline), deps.now().getTime()) + deps.linkTtlHours * 3_600_000);
    const pageUrl = reviewPageLink(deps.publicBaseUrl, input.demandId, input.round);
    for (const reviewer of pool) {
      await deps.ledger.once(`${input.effectKey}:${reviewer}`, async () => {
        const token = deps.tokens.issue({ demandId: input.demandId, reviewer, round: input.round, kind, issuedAt: deps.now(), expiresAt });
        const message = MESSAGE[input.notice]({ summary, kind, round: input.round, reviewUrl: reviewLink(deps.publicBaseUrl, token), pageUrl, deadline: input.deadline });
        await deps.mailer.send({ to: [reviewer], subject: message.subject, text: message.text, html: message.html });
        return reviewer;
      });
    }
    const teams = deps.teams;
    if (teams !== null) {
      await deps.ledger.once(`${input.effectKey}:teams`, async () => {
        const message = MESSAGE[input.notice]({ summary, kind, round: input.round, reviewUrl: pageUrl, pageUrl, deadline: input.deadline });
        await teams.postCard(message.card);
        return "teams";
      });
    }
  };
}
