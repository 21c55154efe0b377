import { describe, expect, it } from "vitest";
import { makeRequestReviewHandler } from "../../../activities/handlers/request-review";
import type { MailMessage } from "../../../shared/ports/mailer";
import type { AdaptiveCard } from "../../../shared/ports/teams-notifier";
import { makeReviewTokens } from "../../../shared/review/review-token";
import { InMemoryDemandStore, OnceLedger } from "../../support/fakes";
import { aReviewedDemand, NOW, TEST_KEY } from "./review-fixture";

async function world() {
  const record = aReviewedDemand({ reviewRounds: [{ round: "review-1", kind: "approval", open: true, decidedBy: [] }] });
  const demands = new InMemoryDemandStore();
  await demands.create(record);
  const mails: MailMessage[] = [];
  const cards: AdaptiveCard[] = [];
  const deps = {
    demands,
    mailer: { send: async (m: MailMessage) => (mails.push(m), { messageId: String(mails.length) }) },
    teams: { postCard: async (c: AdaptiveCard) => void cards.push(c) },
    tokens: makeReviewTokens(TEST_KEY),
    ledger: new OnceLedger(),
    reviewers: { primary: ["ana@x.example", "ben@x.example"], escalation: ["lead@x.example"] },
    publicBaseUrl: "https://lrw.example",
    linkTtlHours: 72,
    now: () => NOW,
  };
  return { record, demands, mails, cards, handler: makeRequestReviewHandler(async () => deps) };
}

const input = (pool: "primary" | "escalation", effectKey = `ask-${pool}`) => ({
  round: "review-1",
  kind: "approval" as const,
  pool,
  notice: pool === "primary" ? ("initial" as const) : ("escalation" as const),
  deadline: "2026-11-26T12:00:00.000Z",
  effectKey,
});

describe("asking reviewers", () => {
  it("mails each reviewer a deep link and posts one Teams card linking the demand's page, never a token", async () => {
    const w = await world();
    await w.handler({ demandId: w.record.id, ...input("primary") });
    await w.handler({ demandId: w.record.id, ...input("primary") });
    expect(w.mails.map((m) => m.to)).toEqual([["ana@x.example"], ["ben@x.example"]]);
    for (const mail of w.mails) expect(mail.text).toMatch(/https:\/\/lrw\.example\/api\/review\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    expect(w.cards).toHaveLength(1);
    const card = JSON.stringify(w.cards[0]);
    expect(card).toContain(`https://lrw.example/api/review/demands/${w.record.id}?round=review-1`);
    expect(card).not.toMatch(/\/api\/review\/[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]+/);
  });

  it("records the escalation pool on the round before asking it", async () => {
    const w = await world();
    await w.handler({ demandId: w.record.id, ...input("escalation") });
    expect((await w.demands.get(w.record.id))?.record.reviewRounds[0]?.pool).toBe("escalation");
    expect(w.mails.map((m) => m.to)).toEqual([["lead@x.example"]]);
  });

  it("asks about a secrecy order filed after intake", async () => {
    const w = await world();
    await w.handler({ demandId: w.record.id, ...input("primary"), kind: "secrecy_confirmation", round: "secrecy-confirm-1" });
    expect(w.mails[0]?.text).toContain("confirm or refuse a secrecy order");
  });
});
