import { describe, expect, it } from "vitest";
import { summarizeDemand } from "../../../shared/review/demand-summary";
import { customerNoticeMessage } from "../../../shared/review/messages/customer-notice";
import {
  demandRejectedMessage,
  packageReadyMessage,
  redirectToCustomerMessage,
} from "../../../shared/review/messages/requester-messages";
import { reviewEscalatedMessage, reviewReminderMessage, reviewRequestedMessage } from "../../../shared/review/messages/reviewer-messages";
import { aDemandBody, samplePdf } from "../../support/builders";
import { aPlan, aReviewedDemand, NOW, SECRET_IDENTIFIERS } from "./review-fixture";
import { readableDateTime } from "../../../shared/review/evidence/readable-time";

const record = aReviewedDemand();
const summary = summarizeDemand(record, NOW);
const reviewUrl = "https://lrw.example/api/review/eyJhbGciOi.SIG";
const pageUrl = `https://lrw.example/api/review/demands/${record.id}?round=review-1`;
const request = { summary, kind: "approval" as const, round: "review-1", reviewUrl, pageUrl, deadline: "2026-11-22T12:00:00.000Z" };
const links = { statusUrl: `https://lrw.example/api/demands/${record.id}` };

function everything(message: { subject: string; text: string; html: string; card?: unknown }): string {
  return [message.subject, message.text, message.html, JSON.stringify(message.card ?? null)].join("\n");
}

describe("reviewer messages", () => {
  it.each([
    ["requested", reviewRequestedMessage, /^Review requested: SW-2026-0042/],
    ["reminder", reviewReminderMessage, /^Reminder: review waiting: SW-2026-0042/],
    ["escalated", reviewEscalatedMessage, /^Escalated to you: review deadline passed: SW-2026-0042/],
  ])("%s: carries the deep link in text and HTML, the demand's page (never a token) on the card, and the deadline", (_name, build, subject) => {
    const message = build(request);
    expect(message.subject).toMatch(subject);
    expect(message.text).toContain(reviewUrl);
    expect(message.html).toContain(`href="${reviewUrl}"`);
    expect(message.card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open the review page", url: pageUrl }]);
    expect(JSON.stringify(message.card)).not.toContain(reviewUrl);
    expect(message.card.version).toBe("1.4");
    // The deadline as the review page shows it: readable, with its time zone.
    expect(message.text).toContain(`Decide by: ${readableDateTime("2026-11-22T12:00:00.000Z")}`);
    expect(JSON.stringify(message.card)).not.toMatch(/Action\.(Submit|Execute)/);
  });

  it("never carries identifier values or emergency narrative, and marks emergencies", () => {
    const emergency = aReviewedDemand({
      body: {
        ...record.body,
        emergency: { onOfficialLetterhead: true, signingAuthority: "Chief", kind: "kidnapping", summary: "Victim Jane Roe held at 1 Main St", howDataHelps: "location" },
      },
      plan: aPlan({ emergency: { reviewDeadlineMinutes: 60 } }),
    });
    const message = reviewRequestedMessage({ ...request, summary: summarizeDemand(emergency, NOW) });
    for (const value of [...SECRET_IDENTIFIERS, "Jane Roe"]) expect(everything(message)).not.toContain(value);
    expect(message.subject).toContain("[EMERGENCY]");
    expect(message.card.body[0]).toMatchObject({ color: "Attention" });
  });

  it("escapes hostile strings in the HTML body and the card's Markdown", () => {
    const body = aDemandBody();
    const hostile = summarizeDemand(aReviewedDemand({ body: { ...body, requester: { ...body.requester, agency: "<b>[click](https://evil.example)</b>" } } }), NOW);
    const message = reviewRequestedMessage({ ...request, summary: hostile });
    expect(message.html).not.toContain("<b>[click]");
    expect(message.html).toContain("&lt;b&gt;[click](https://evil.example)&lt;/b&gt;");
    expect(JSON.stringify(message.card)).toContain("\\\\[click\\\\]\\\\(https://evil\\\\.example\\\\)");
  });
});

describe("requester messages", () => {
  it("redirect: tells the requester to seek the data from the enterprise customer, without naming it, and how to answer", () => {
    const message = redirectToCustomerMessage({
      summary,
      links: { ...links, withdrawUrl: `${links.statusUrl}/withdraw`, redirectAnswerUrl: `${links.statusUrl}/redirect-answer` },
      answerBy: "2026-12-05",
    });
    expect(message.text).toContain("belongs to an enterprise customer");
    expect(message.text).toContain("seek the data from that customer directly");
    expect(message.text).toContain(`POST ${links.statusUrl}/withdraw`);
    expect(message.text).toContain(`POST ${links.statusUrl}/redirect-answer`);
    expect(message.text).toContain('"cannot redirect"');
    expect(message.text).toContain("2026-12-05");
    for (const value of SECRET_IDENTIFIERS) expect(everything(message)).not.toContain(value);
  });

  it("rejected: lists every reason", () => {
    const message = demandRejectedMessage({
      summary,
      findings: [
        { reason: "wrong_dates", explanation: "The order expired on 2026-01-31." },
        { reason: "overly_broad", explanation: "No specific identifiers." },
      ],
      links,
    });
    expect(message.subject).toBe("Demand rejected: SW-2026-0042");
    expect(message.text).toContain("wrong dates: The order expired on 2026-01-31.");
    expect(message.text).toContain("overly broad: No specific identifiers.");
    expect(message.html).toContain(`href="${links.statusUrl}"`);
  });

  it("package ready: points to the status link and the deadline, never carries data", () => {
    const message = packageReadyMessage({ summary, categories: ["subscriber information"], availableUntil: "2026-12-21", links });
    expect(message.text).toContain(links.statusUrl);
    expect(message.text).toContain("2026-12-21");
    for (const value of SECRET_IDENTIFIERS) expect(everything(message)).not.toContain(value);
  });

  it("R6: package ready states the approved range as the UTC days collected, its last day included", () => {
    const approved = { keptTargets: [{ index: 1, type: "email" as const }], dateRange: { from: "2026-01-01", to: "2026-03-31" } };
    const message = packageReadyMessage({ summary, categories: ["mail content"], availableUntil: "2026-12-21", links, approved });
    expect(message.text).toContain("2026-01-01 to 2026-03-31 (days in UTC, both included)");
  });
});

describe("customer notice", () => {
  const base = {
    summary,
    recipient: { kind: "enterprise_admins" as const, organisation: "Fabrikam Ltd" },
    ownIdentifiers: [SECRET_IDENTIFIERS[0]!],
    categoriesApproved: ["subscriber information"],
    objection: { days: 10, endsAt: "2026-12-01T12:00:00.000Z" },
    contact: { email: "lawful-requests@contoso.example", url: "https://contoso.example/lawful-requests" },
    document: { filename: "warrant.pdf", content: samplePdf },
  };

  it("attaches the copy of the demand and says who asked, for what, and what the customer can do", () => {
    const message = customerNoticeMessage(base);
    expect(message.attachments).toEqual([{ name: "warrant.pdf", contentType: "application/pdf", content: samplePdf }]);
    expect(message.subject).toBe("Notice of a legal demand for your data: SW-2026-0042");
    expect(message.text).toContain("To the administrators of Fabrikam Ltd:");
    expect(message.text).toContain("Requesting agency: Example County Sheriff (US)");
    expect(message.text).toContain("Categories asked: subscriber information, mail content");
    expect(message.text).toContain("Categories approved: subscriber information");
    expect(message.text).toContain("Date range: 2026-01-01 to 2026-06-30");
    expect(message.text).toContain("Delayed by a secrecy order: no");
    expect(message.text).toContain(`Object by ${readableDateTime("2026-12-01T12:00:00.000Z")}`);
    expect(message.text).toContain("protective order");
    expect(message.text).toContain("lawful-requests@contoso.example");
    expect(message.html).toContain("<th scope=\"row\" align=\"left\">Requesting agency</th>");
  });

  it("names only the recipient's own identifiers", () => {
    const text = everything(customerNoticeMessage(base));
    expect(text).toContain(SECRET_IDENTIFIERS[0]);
    for (const other of SECRET_IDENTIFIERS.slice(1)) expect(text).not.toContain(other);
  });

  it("says when a secrecy order delayed it, and drops the objection window then", () => {
    const message = customerNoticeMessage({
      ...base,
      recipient: { kind: "account_holder" },
      delayed: { secrecyOrderReference: "NDO-7", ended: "2027-05-01" },
    });
    expect(message.subject).toMatch(/^Delayed notice/);
    expect(message.text).toContain("To the holder of the account named below:");
    expect(message.text).toContain("A secrecy order (NDO-7) prevented us from telling you until it ended on 2027-05-01");
    expect(message.text).toContain("Delayed by a secrecy order: yes");
    expect(message.text).not.toContain("Object within");
  });
});
