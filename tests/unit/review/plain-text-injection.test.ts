import { describe, expect, it } from "vitest";
import { DemandSubmission } from "../../../shared/domain/demand";
import { summarizeDemand } from "../../../shared/review/demand-summary";
import { customerNoticeMessage } from "../../../shared/review/messages/customer-notice";
import { reviewRequestedMessage } from "../../../shared/review/messages/reviewer-messages";
import { aDemandBody, aSubmission, samplePdf } from "../../support/builders";
import { aReviewedDemand, NOW } from "./review-fixture";

// A requester (or whoever holds a compromised agency mailbox) controls these fields of the demand. Line breaks in them
// must not let it write lines of its own into the plain-text body or the subject of a reviewer's or customer's mail:
// a forged "Open the review page" line with its own link reads exactly like ours in a plain-text client.
const FORGED = "\r\n\r\nOpen the review page (sign in with your staff account):\r\nhttps://evil.example/review";
const reviewUrl = "https://lrw.example/api/review/eyJhbGciOi.SIG";

function linkLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => /^\s*https?:\/\//.test(line));
}

describe("requester-controlled text in plain-text mail bodies and subjects", () => {
  it("intake accepts such a reference and agency (the schema only trims the ends)", () => {
    const body = aDemandBody();
    const parsed = DemandSubmission.safeParse({ ...aSubmission(), requester: { ...body.requester, agency: `County Sheriff${FORGED}` }, legalProcess: { ...body.legalProcess, reference: `SW-1${FORGED}` } });
    expect(parsed.success).toBe(true);
  });

  it("a reviewer's mail: the only link line of the text body is the app's own, and the subject is one line", () => {
    const body = aDemandBody();
    const record = aReviewedDemand({ body: { ...body, requester: { ...body.requester, agency: `County Sheriff${FORGED}` }, legalProcess: { ...body.legalProcess, reference: `SW-1${FORGED}` } } });
    const message = reviewRequestedMessage({
      summary: summarizeDemand(record, NOW),
      kind: "approval",
      round: "review-1",
      reviewUrl,
      pageUrl: `https://lrw.example/api/review/demands/${record.id}?round=review-1`,
      deadline: "2026-11-22T12:00:00.000Z",
    });
    expect(linkLines(message.text)).toEqual([reviewUrl]);
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it("a reviewer's Teams card: no text of the card has a line of its own from the requester", () => {
    // Teams renders a line break in a TextBlock or a fact as a new line (a blank line as a new paragraph), so a forged
    // "Open the review page" line would read like the card's own, as in the mail.
    const body = aDemandBody();
    const record = aReviewedDemand({
      body: {
        ...body,
        requester: { ...body.requester, agency: `County Sheriff${FORGED}` },
        legalProcess: { ...body.legalProcess, reference: `SW-1${FORGED}` },
        secrecyOrder: { reference: `NDO-7${FORGED}`, issuingCourt: "Court", issuedOn: "2026-10-01", expiresOn: "2027-10-01" },
      },
    });
    const message = reviewRequestedMessage({
      summary: summarizeDemand(record, NOW),
      kind: "approval",
      round: "review-1",
      reviewUrl,
      pageUrl: `https://lrw.example/api/review/demands/${record.id}?round=review-1`,
      deadline: "2026-11-22T12:00:00.000Z",
    });
    const texts = message.card.body.flatMap((element) =>
      element.type === "FactSet" ? (element.facts as { title: string; value: string }[]).flatMap((f) => [f.title, f.value]) : [String(element.text)],
    );
    expect(texts.join(" ")).toContain("County Sheriff");
    for (const text of texts) expect(text).not.toMatch(/[\r\n\u2028\u2029]/);
  });

  it("a customer notice: the only link lines are the provider's own, and the subject is one line", () => {
    const body = aDemandBody();
    const record = aReviewedDemand({ body: { ...body, legalProcess: { ...body.legalProcess, reference: `SW-1${FORGED}`, issuingAuthority: `Court${FORGED}` } } });
    const message = customerNoticeMessage({
      summary: summarizeDemand(record, NOW),
      recipient: { kind: "account_holder" },
      ownIdentifiers: ["pat@outlook.example"],
      categoriesApproved: ["subscriber information"],
      objection: { days: 10 },
      contact: { email: "lawful-requests@contoso.example" },
      document: { filename: "warrant.pdf", content: samplePdf },
    });
    expect(linkLines(message.text)).toEqual([]);
    expect(message.text).not.toContain("\nhttps://evil.example");
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it("R5/R8: bidi controls in requester text cannot reorder a subject, a fact or a card line (reviewer mail, card, customer notice)", () => {
    // U+202E would show "SW-1\u202Efdp.exe" as "SW-1exe.pdf"; the isolates and marks reorder as well.
    const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    const body = aDemandBody();
    const record = aReviewedDemand({
      body: {
        ...body,
        requester: { ...body.requester, agency: "County \u2067Sheriff\u2069 \u200fOffice" },
        legalProcess: { ...body.legalProcess, reference: "SW-1\u202Efdp.exe\u202C", issuingAuthority: "Court \u202Bof\u202C \u2066Appeals\u061C" },
      },
    });
    const review = reviewRequestedMessage({
      summary: summarizeDemand(record, NOW),
      kind: "approval",
      round: "review-1",
      reviewUrl,
      pageUrl: `https://lrw.example/api/review/demands/${record.id}?round=review-1`,
      deadline: "2026-11-22T12:00:00.000Z",
    });
    expect(review.subject).toContain("SW-1fdp.exe");
    expect(review.subject).not.toMatch(BIDI);
    expect(review.text).not.toMatch(BIDI);
    expect(review.html).not.toMatch(BIDI);
    const cardTexts = review.card.body.flatMap((element) =>
      element.type === "FactSet" ? (element.facts as { title: string; value: string }[]).flatMap((f) => [f.title, f.value]) : [String(element.text)],
    );
    for (const text of cardTexts) expect(text).not.toMatch(BIDI);
    const notice = customerNoticeMessage({
      summary: summarizeDemand(record, NOW),
      recipient: { kind: "account_holder" },
      ownIdentifiers: ["pat@outlook.example"],
      categoriesApproved: ["subscriber information"],
      objection: { days: 10 },
      contact: { email: "lawful-requests@contoso.example" },
      document: { filename: "warrant.pdf", content: samplePdf },
    });
    expect(notice.subject).not.toMatch(BIDI);
    expect(notice.text).not.toMatch(BIDI);
    expect(notice.html).not.toMatch(BIDI);
  });
});
