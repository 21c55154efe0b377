import { describe, expect, it } from "vitest";
import { makeRequestReviewHandler } from "../../../activities/handlers/request-review";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import type { MailMessage } from "../../../shared/ports/mailer";
import type { AdaptiveCard } from "../../../shared/ports/teams-notifier";
import { makeReviewTokens } from "../../../shared/review/review-token";
import { aDemandBody, anAccount, aTenant } from "../../support/builders";
import { InMemoryCustomerDirectory, InMemoryDemandStore, OnceLedger } from "../../support/fakes";
import { noticeHarness, noticeScope } from "./notice-harness";
import { aReviewedDemand, NOW, TEST_KEY } from "./review-fixture";

/**
 * R5: the customer is told who asked, and reviewers see who asked first. That is the requester the provider vetted
 * (recorded at intake), never the agency the demand's body types: a vetted county sheriff could write "Federal Bureau
 * of Investigation" there. The typed name is shown only where it differs, labelled as the demand's own words.
 */

const SHERIFF = { name: "Contoso County Sheriff", country: "US" };
const TYPED = "Federal Bureau of Investigation";

/** A demand whose body types `agency`, sent by the sheriff (null: recorded before the vetted requester was kept). */
function demandTyping(agency: string, vetted: DemandRecord["vettedRequester"] | null = SHERIFF): DemandRecord {
  const body = aDemandBody();
  return aReviewedDemand({
    body: { ...body, requester: { ...body.requester, agency } },
    reviewRounds: [{ round: "review-1", kind: "approval", open: true, decidedBy: [] }],
    ...(vetted === null ? {} : { vettedRequester: vetted }),
  });
}

async function noticeOf(record: DemandRecord): Promise<MailMessage> {
  const directory = new InMemoryCustomerDirectory();
  const tenant = aTenant();
  await directory.upsertTenant(tenant);
  await directory.upsertAccount(anAccount({ tenantId: tenant.id, identifierValue: "pat@outlook.example", holderEmail: "pat@outlook.example" }));
  const { send, mails } = await noticeHarness(record, directory);
  await send(noticeScope("pat@outlook.example"));
  expect(mails).toHaveLength(1);
  return mails[0]!;
}

async function reviewerMessagesOf(record: DemandRecord): Promise<{ mail: MailMessage; card: AdaptiveCard }> {
  const demands = new InMemoryDemandStore();
  await demands.create(record);
  const mails: MailMessage[] = [];
  const cards: AdaptiveCard[] = [];
  const handler = makeRequestReviewHandler(async () => ({
    demands,
    mailer: { send: async (m: MailMessage) => (mails.push(m), { messageId: String(mails.length) }) },
    teams: { postCard: async (c: AdaptiveCard) => void cards.push(c) },
    tokens: makeReviewTokens(TEST_KEY),
    ledger: new OnceLedger(),
    reviewers: { primary: ["ana@x.example"], escalation: ["lead@x.example"] },
    publicBaseUrl: "https://lrw.example",
    linkTtlHours: 72,
    now: () => NOW,
  }));
  await handler({ demandId: record.id, round: "review-1", kind: "approval", pool: "primary", notice: "initial", deadline: "2026-11-26T12:00:00.000Z", effectKey: "ask-1" });
  return { mail: mails[0]!, card: cards[0]! };
}

function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The card's facts as read (Teams shows its Markdown escapes as the plain characters). */
function cardFacts(card: AdaptiveCard): [string, string][] {
  const read = (text: string) => text.replace(/\\(.)/g, "$1");
  return card.body.flatMap((e) => (e.type === "FactSet" ? (e.facts as { title: string; value: string }[]).map((f): [string, string] => [read(f.title), read(f.value)]) : []));
}

describe("R5: the customer notice names the vetted requester", () => {
  it("says the sheriff asked, and gives the typed agency only as named in the demand", async () => {
    const notice = await noticeOf(demandTyping(TYPED));
    expect(lines(notice.text)).toContain("Requesting agency: Contoso County Sheriff (US)");
    expect(lines(notice.text)).toContain(`Agency as named in the demand: ${TYPED} (US)`);
    for (const line of lines(notice.text).filter((l) => l.includes(TYPED))) expect(line).toMatch(/^Agency as named in the demand: /);
    expect(notice.subject).not.toContain(TYPED);
    expect(notice.html).toContain('<th scope="row" align="left">Requesting agency</th><td>Contoso County Sheriff (US)</td>');
  });

  it("does not repeat the typed agency when it only differs in case or spacing", async () => {
    const notice = await noticeOf(demandTyping("contoso county SHERIFF"));
    expect(lines(notice.text)).toContain("Requesting agency: Contoso County Sheriff (US)");
    expect(notice.text).not.toContain("as named in the demand");
  });

  it("keeps naming the typed agency for a demand recorded before the vetted requester was kept", async () => {
    const notice = await noticeOf(demandTyping(TYPED, null));
    expect(lines(notice.text)).toContain(`Requesting agency: ${TYPED} (US)`);
    expect(notice.text).not.toContain("as named in the demand");
  });
});

describe("R5/R8: reviewers' mail and Teams card name the vetted requester", () => {
  it("puts the sheriff in the subject and the Requester line, and the typed agency only as named in the demand", async () => {
    const { mail, card } = await reviewerMessagesOf(demandTyping(TYPED));
    expect(mail.subject).toContain("(Contoso County Sheriff, US)");
    expect(mail.subject).not.toContain(TYPED);
    expect(lines(mail.text)).toContain("Requester: Contoso County Sheriff (US)");
    expect(lines(mail.text)).toContain(`Requester as named in the demand: ${TYPED} (US)`);
    for (const line of lines(mail.text).filter((l) => l.includes(TYPED))) expect(line).toMatch(/^Requester as named in the demand: /);
    const facts = cardFacts(card);
    expect(facts).toContainEqual(["Requester", "Contoso County Sheriff (US)"]);
    expect(facts).toContainEqual(["Requester as named in the demand", `${TYPED} (US)`]);
    expect(JSON.stringify(card.body[0])).not.toContain(TYPED);
  });

  it("keeps today's Requester line for a demand recorded before the vetted requester was kept", async () => {
    const { mail } = await reviewerMessagesOf(demandTyping(TYPED, null));
    expect(lines(mail.text)).toContain(`Requester: ${TYPED} (US)`);
    expect(mail.text).not.toContain("as named in the demand");
  });
});
