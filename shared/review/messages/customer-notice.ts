import type { DemandSummary } from "../demand-summary";
import { readableDateTime } from "../evidence/readable-time";
import { renderMessage, type MessageBlock, type MessageWithAttachments } from "./message-document";

/** Who the notice goes to (R5): the enterprise's administrators or a consumer account holder. */
export type NoticeRecipient = { kind: "enterprise_admins"; organisation: string } | { kind: "account_holder" };

/** What a customer notice says. */
export interface CustomerNoticeInput {
  summary: DemandSummary;
  recipient: NoticeRecipient;
  /** The recipient's own identifiers named in the demand; never pass another customer's. */
  ownIdentifiers: readonly string[];
  categoriesApproved: readonly string[];
  /** Set when a secrecy order delayed this notice (R5 a, R9): delayed notice. */
  delayed?: { secrecyOrderReference: string; ended: string };
  /** The objection window before any disclosure (prompt notice only): its length, and its end once one runs. */
  objection?: { days: number; endsAt?: string };
  /** Set on the notice of an approval that follows the notice sent with the redirect (R4, R5). */
  followsRedirect?: boolean;
  /** Set for an emergency request's notice (R10, R5 d): it follows the response instead of preceding it. */
  afterEmergency?: boolean;
  contact: { email: string; url?: string };
  /**
   * The copy of the demand (its PDF), attached; or, where the document names accounts that are not the recipient's,
   * how many it names (R1: another party's identifiers are not ours to send, so no copy goes with this notice).
   */
  document: { filename: string; content: Buffer } | { othersNamed: number };
}

/** R5: notice to the customer with a copy of the demand, who asked, for what, and what the customer can do. */
export function customerNoticeMessage(input: CustomerNoticeInput): MessageWithAttachments {
  const { summary } = input;
  const greeting =
    input.recipient.kind === "enterprise_admins"
      ? `To the administrators of ${input.recipient.organisation}:`
      : "To the holder of the account named below:";
  const blocks: MessageBlock[] = [
    { paragraph: greeting },
    {
      paragraph: input.delayed
        ? `We received a legal demand for data of your account(s). A secrecy order (${input.delayed.secrecyOrderReference}) prevented us from telling you until it ended on ${input.delayed.ended}; this is a delayed notice.`
        : input.afterEmergency === true
          ? "We received an emergency request for data of your account(s). Because of the emergency we answered it before telling you; this notice follows our response."
          : input.followsRedirect === true
            ? "This follows our earlier notice of this demand, which we asked the requester to seek from you directly. The requester gave us a reason why it could not approach you, and we have now approved it for the categories below. No data has been disclosed yet."
            : "We received a legal demand for data of your account(s). We are telling you before any data is disclosed.",
    },
    {
      facts: [
        ["Requesting agency", `${summary.agency} (${summary.country})`],
        ...(summary.agencyAsNamed === null ? [] : [["Agency as named in the demand", summary.agencyAsNamed] as [string, string]]),
        // The issuer is the requester's own words (R5): nobody here has verified it, so it is not told as fact.
        ["Legal process", `${summary.process}, reference ${summary.reference}, issued by ${summary.issuingAuthority} (as stated in the demand)`],
        ["Your accounts named", input.ownIdentifiers.join(", ")],
        ["Categories asked", summary.categoriesAsked.join(", ")],
        ["Categories approved", input.categoriesApproved.join(", ") || "none"],
        ["Date range", `${summary.dateRange.from} to ${summary.dateRange.to}`],
        ["Delayed by a secrecy order", input.delayed ? "yes" : "no"],
      ],
    },
    { paragraph: copyParagraph(input.document, input.contact.email) },
    { heading: "What you can do" },
    {
      list: [
        ...(input.objection && !input.delayed && input.afterEmergency !== true
          ? [
              input.objection.endsAt === undefined
                ? // The redirect's notice precedes any approval, so no window runs yet to name.
                  `Object by replying to ${input.contact.email}; we consider every objection before disclosing anything, and if we approve the demand we will tell you again, unless the law forbids it, with the date by which to object (at least ${input.objection.days} days later).`
                : // The window ends at an instant, not at the end of a day wherever the customer is: it is named, with its zone.
                  `Object by ${readableDateTime(input.objection.endsAt)} by replying to ${input.contact.email}; we consider every objection received by then before disclosing anything.`,
            ]
          : []),
        "Seek a protective order or otherwise challenge the demand in the court or authority that issued it.",
        `Contact us with questions at ${input.contact.email}${input.contact.url === undefined ? "" : ` or ${input.contact.url}`}.`,
      ],
    },
  ];
  return {
    ...renderMessage(`${input.delayed ? "Delayed notice" : input.followsRedirect === true ? "Update to our notice" : "Notice"} of a legal demand for your data: ${summary.reference}`, blocks),
    attachments: "content" in input.document ? [{ name: input.document.filename, contentType: "application/pdf", content: input.document.content }] : [],
  };
}

function copyParagraph(document: CustomerNoticeInput["document"], contact: string): string {
  if ("content" in document) return `A copy of the demand is attached (${document.filename}).`;
  const others = `${document.othersNamed} other account${document.othersNamed === 1 ? "" : "s"}`;
  return `The demand's document also names ${others} that are not yours, so to protect the people concerned we have not attached it; its particulars are above. Ask us at ${contact} for a copy with the other accounts removed.`;
}
