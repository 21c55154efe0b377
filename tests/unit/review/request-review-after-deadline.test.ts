import { describe, expect, it } from "vitest";
import { makeRequestReviewHandler } from "../../../activities/handlers/request-review";
import type { MailMessage } from "../../../shared/ports/mailer";
import { makeReviewTokens } from "../../../shared/review/review-token";
import { InMemoryDemandStore, OnceLedger } from "../../support/fakes";
import { aReviewedDemand, NOW, TEST_KEY } from "./review-fixture";

/**
 * R5/R8: the step that asks reviewers can run after the round's deadline and the link's lifetime have passed: a retry
 * after an outage, or (on the local host and on Azure alike) a filing the lifecycle took in just before a clock moved
 * weeks ahead. The link was then issued already expired, the token refused to be made, every retry failed the same
 * way and the demand parked, so a court's secrecy order was never put to a reviewer. A link mailed now lives at least
 * the link lifetime from now.
 */
describe("R8: asking reviewers after the round's deadline has passed", () => {
  it("R8: the mail still goes out, with a link that is valid when it arrives", async () => {
    const record = aReviewedDemand({ reviewRounds: [{ round: "secrecy-confirm-2", kind: "secrecy_confirmation", open: true, decidedBy: [] }] });
    const demands = new InMemoryDemandStore();
    await demands.create(record);
    const mails: MailMessage[] = [];
    const tokens = makeReviewTokens(TEST_KEY);
    const deadline = new Date(NOW.getTime() - 90 * 86_400_000).toISOString();
    const handler = makeRequestReviewHandler(async () => ({
      demands,
      mailer: { send: async (m: MailMessage) => (mails.push(m), { messageId: String(mails.length) }) },
      teams: null,
      tokens,
      ledger: new OnceLedger(),
      reviewers: { primary: ["ana@x.example", "ben@x.example"], escalation: ["lead@x.example"] },
      publicBaseUrl: "https://lrw.example",
      linkTtlHours: 72,
      now: () => NOW,
    }));
    await handler({ demandId: record.id, round: "secrecy-confirm-2", kind: "secrecy_confirmation", pool: "primary", notice: "initial", deadline, effectKey: "late" });
    expect(mails).toHaveLength(2);
    const token = /\/api\/review\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(mails[0]!.text)![1]!;
    expect(tokens.verify(token, new Date(NOW.getTime() + 71 * 3_600_000)).ok).toBe(true);
  });
});
