import type { DemandStore } from "../ports/demand-store";
import type { ReviewRound, ReviewRoundState } from "../review/review-round-state";

/** Review rounds as the lifecycle records them on the demand. */
export class DemandReviewRounds implements ReviewRoundState {
  constructor(private readonly demands: DemandStore) {}

  async getRound(demandId: string, round: string): Promise<ReviewRound | null> {
    const found = await this.demands.get(demandId);
    const stored = found?.record.reviewRounds.find((r) => r.round === round);
    if (found === undefined || found === null || stored === undefined) return null;
    return {
      kind: stored.kind,
      pool: stored.pool ?? "primary",
      open: stored.open,
      decidedBy: stored.decidedBy,
      ...(stored.scope === undefined ? {} : { scope: stored.scope }),
      ...(stored.deadline === undefined ? {} : { deadline: stored.deadline }),
      ...(stored.decisions === undefined ? {} : { decisions: stored.decisions.map((d) => ({ reviewer: d.reviewer, action: d.action, at: d.at, ...(d.comment === undefined ? {} : { comment: d.comment }) })) }),
      ...(stored.kind === "redirect" && found.record.cannotRedirectReason !== undefined ? { requesterStatement: found.record.cannotRedirectReason } : {}),
    };
  }
}
