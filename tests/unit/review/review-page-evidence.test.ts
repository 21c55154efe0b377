import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeRequestReviewHandler } from "../../../activities/handlers/request-review";
import { makeReviewPageHandler } from "../../../functions/handlers/review-page-handler";
import type { MailMessage } from "../../../shared/ports/mailer";
import { readableDateTime } from "../../../shared/review/evidence/readable-time";
import { makeReviewTokens } from "../../../shared/review/review-token";
import { aContext } from "../../support/http";
import { InMemoryDemandStore, OnceLedger } from "../../support/fakes";
import { aPageGet, aPlan, aReviewedDemand, aReviewWorld, NOW, TEST_KEY } from "./review-fixture";

const ANA = "ana@compliance.example";

async function pageOf(world: Awaited<ReturnType<typeof aReviewWorld>>, round = "review-1"): Promise<string> {
  const { cookie } = await world.sessionFor(ANA);
  const response = await makeReviewPageHandler(world.resolve)(aPageGet(world.record.id, cookie, round), aContext());
  expect(response.status).toBe(200);
  return String(response.body);
}

describe("an emergency request's review page (R10)", () => {
  it("shows who signed the request and whether it came on official letterhead, beside the summary and how the data helps", async () => {
    const body = aReviewedDemand().body;
    const world = await aReviewWorld(
      aReviewedDemand({
        body: {
          ...body,
          emergency: { onOfficialLetterhead: true, signingAuthority: "Lt. Dana Reyes, Example County Sheriff", kind: "kidnapping", summary: "A child was taken at 09:10.", howDataHelps: "Locate the abductor's phone." },
        },
        plan: aPlan({ emergency: { reviewDeadlineMinutes: 60 } }),
      }),
    );
    const page = await pageOf(world);
    expect(page).toContain("A child was taken at 09:10.");
    // The reviewer checks the document and the call-back against the declared signer and letterhead.
    expect(page).toContain("Lt. Dana Reyes, Example County Sheriff");
    expect(page).toMatch(/official letterhead/i);
  });
});

describe("the secrecy section of the review page (R5, R9)", () => {
  it("tells a refused or unconfirmed order apart from one in force, and does not count them as in force", async () => {
    const orderPdf = Buffer.from("%PDF-1.7\n% secrecy order\n%%EOF\n");
    const sha = createHash("sha256").update(orderPdf).digest("hex");
    const refused = {
      order: { reference: "NDO-7", issuingCourt: "Court of Example", issuedOn: "2026-11-20", expiresOn: "2027-05-20" },
      documentSha256: sha,
      addedAt: "2026-11-21T11:00:00.000Z",
      lifted: false,
      ruling: "refused" as const,
      ruledBy: "ben@compliance.example",
    };
    const world = await aReviewWorld(aReviewedDemand({ secrecyOrders: [refused] }));
    const page = await pageOf(world);
    // The summary at the top reads the lifecycle's view: nothing holds notice back.
    expect(page).toContain("<dt>Secrecy orders</dt><dd>none</dd>");
    // The order's own line says it was refused, not that it may still restrain notice.
    expect(page).toMatch(/NDO-7[^<]*refused/);
    expect(page).not.toContain("it restrains no notice yet");
    // And the context section does not contradict the summary by counting it as in force.
    expect(page).not.toContain("Latest expiry of the orders in force: Thursday, 20 May 2027");

    // Same for an order filed after intake that no reviewer has ruled on yet: it is awaiting, not in force.
    const pending = { ...refused, ruling: undefined, ruledBy: undefined };
    delete pending.ruling;
    delete pending.ruledBy;
    const world2 = await aReviewWorld(aReviewedDemand({ secrecyOrders: [pending] }));
    const page2 = await pageOf(world2);
    expect(page2).toContain("NDO-7 awaiting a reviewer&#39;s ruling");
    expect(page2).not.toContain("Latest expiry of the orders in force: Thursday, 20 May 2027");
  });
});

describe("the secrecy-expiry round's page (R9: notice at the order's end)", () => {
  it("shows what was disclosed and what happens at the deadline, not a new disclosure that would escalate", async () => {
    const base = aReviewedDemand();
    const record = aReviewedDemand({
      status: "awaiting_secrecy_expiry",
      secrecyOrders: [{ order: { reference: "NDO-1", issuingCourt: "Court", issuedOn: "2026-05-01", expiresOn: "2026-11-30" }, addedAt: base.receivedAt, lifted: false }],
      // Approved narrowed to identifier #1, subscriber information, one day: this is what left, and what the notice tells.
      approvedScope: { categories: ["subscriber_info"], targets: [base.body.targets[0]!], dateRange: { from: "2026-03-01", to: "2026-03-01" } },
      reviewRounds: [
        { round: "review-1", kind: "approval", open: false, decidedBy: [ANA, "ben@compliance.example"] },
        { round: "secrecy-expiry-2", kind: "secrecy_expiry", open: true, decidedBy: [], deadline: "2026-12-01T00:00:00.000Z" },
      ],
    });
    const world = await aReviewWorld(record);
    world.rounds.set(record.id, "secrecy-expiry-2", { kind: "secrecy_expiry", pool: "primary", open: true, decidedBy: [], deadline: "2026-12-01T00:00:00.000Z" });
    const page = await pageOf(world, "secrecy-expiry-2");
    // Nothing is collected in this round: the page must not present the order's whole planned scope as about to leave.
    expect(page).not.toContain("would be collected, sealed and released");
    // It shows the scope that was approved and released (1 item), which the customer notice describes.
    expect(page).toContain(`<td id="preview-total-items">1</td>`);
    expect(page).not.toContain(`<td id="preview-total-items">4</td>`);
    // The round does not escalate: at its deadline the customer is notified unless a reviewer withheld notice.
    expect(page).not.toContain("This round escalates");
    expect(page).toMatch(/notice[^<]*(goes out|is sent)/i);
  });
});

describe("the mail asking a reviewer (R8)", () => {
  it("gives the deadline in the same readable form and time zone as the review page", async () => {
    const record = aReviewedDemand({ reviewRounds: [{ round: "review-1", kind: "approval", open: true, decidedBy: [] }] });
    const demands = new InMemoryDemandStore();
    await demands.create(record);
    const mails: MailMessage[] = [];
    const handler = makeRequestReviewHandler(async () => ({
      demands,
      mailer: { send: async (m: MailMessage) => (mails.push(m), { messageId: String(mails.length) }) },
      teams: null,
      tokens: makeReviewTokens(TEST_KEY),
      ledger: new OnceLedger(),
      reviewers: { primary: [ANA], escalation: [] },
      publicBaseUrl: "https://lrw.example",
      linkTtlHours: 72,
      now: () => NOW,
    }));
    const deadline = "2026-11-21T13:00:00.000Z";
    await handler({ demandId: record.id, round: "review-1", kind: "approval", pool: "primary", notice: "initial", deadline, effectKey: "ask" });
    expect(mails[0]?.text).toContain(`Decide by: ${readableDateTime(deadline)}`);
    expect(mails[0]?.text).not.toContain(deadline);
  });
});

describe("one-line fields of the review page (R8)", () => {
  it("R8: a bidi override in the requester's reference cannot reorder the page's title or heading", async () => {
    const body = aReviewedDemand().body;
    const world = await aReviewWorld(aReviewedDemand({ body: { ...body, legalProcess: { ...body.legalProcess, reference: "SW-1\u202Efdp.exe\u2066" } } }));
    const page = await pageOf(world);
    const title = /<title>([^<]*)<\/title>/.exec(page)?.[1] ?? "";
    const heading = /<h1>([^<]*)<\/h1>/.exec(page)?.[1] ?? "";
    expect(title).toContain("SW-1fdp.exe");
    for (const line of [title, heading]) expect(line).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
  });
});
