import type { Finding } from "../../domain/demand";
import type { IdentifierType } from "../../domain/enums";
import type { RedirectContact } from "../../domain/redirect-contact";
import type { DemandSummary } from "../demand-summary";
import { identifierLabel } from "../demand-summary";
import { renderMessage, type Message, type MessageBlock } from "./message-document";

/** Where the requester follows its demand. */
export interface RequesterLinks {
  /** GET status of the demand (the API, with the requester's credential). */
  statusUrl: string;
}

function opening(summary: DemandSummary): MessageBlock {
  return { facts: [["Your demand", `${summary.process}, reference ${summary.reference}`], ["Demand id", summary.demandId]] };
}

/**
 * R4: the targeted account belongs to an enterprise customer, so the requester is told to seek the data from that
 * customer directly, and whom to approach there: the organisation and its designated contact for legal requests
 * (or its admins), which the commitments allow releasing; nothing else about the customer.
 */
export function redirectToCustomerMessage(input: {
  summary: DemandSummary;
  links: RequesterLinks & { withdrawUrl: string; redirectAnswerUrl: string };
  answerBy: string;
  customers?: readonly RedirectContact[];
  /** R4: a demand that also names consumer accounts: which identifiers are redirected, and which are reviewed now. */
  split?: { redirected: readonly { index: number; type: IdentifierType }[]; reviewed: readonly { index: number; type: IdentifierType }[] } | undefined;
}): Message {
  const { summary, links, split } = input;
  const customers = input.customers ?? [];
  const labels = (targets: readonly { index: number; type: IdentifierType }[]) => targets.map((t) => identifierLabel(t.index, t.type)).join("; ");
  return renderMessage(`Seek the data from the customer: ${summary.reference}`, [
    opening(summary),
    split === undefined
      ? { paragraph: "The account your demand names belongs to an enterprise customer. Our policy is to redirect such demands: please seek the data from that customer directly, as it controls its own data." }
      : {
          facts: [
            ["Redirected (by their position in your demand)", labels(split.redirected)],
            ["Not redirected, reviewed now", labels(split.reviewed)],
          ],
        },
    ...(split === undefined
      ? []
      : [{ paragraph: "Some accounts your demand names belong to an enterprise customer. Our policy is to redirect such demands: please seek the data of those identifiers from that customer directly, as it controls its own data. The other identifiers are not redirected: they are reviewed now." }]),
    ...customers.flatMap((customer): MessageBlock[] => [
      { heading: `Contact for legal requests: ${customer.organisation}` },
      { list: customer.contacts.map((c) => [c.name, c.email, c.phone].filter((part) => part !== undefined && part !== "").join(", ")) },
    ]),
    { heading: "What you can do" },
    {
      list: [
        `Withdraw the demand once you have approached the customer: POST ${links.withdrawUrl} with your credential.${split === undefined ? "" : " This withdraws the identifiers reviewed now too."}`,
        `If the customer cannot lawfully be approached, answer "cannot redirect" with the legal reason (for example a court finding that notice would jeopardise the investigation): POST ${links.redirectAnswerUrl} with your credential and the reason. A reviewer decides whether the reason is accepted.`,
      ],
    },
    {
      paragraph:
        split === undefined
          ? `Without an answer by ${input.answerBy}, the demand is closed as redirected.`
          : `Answer by ${input.answerBy}, or before the data of the identifiers reviewed now is released, whichever comes first: the demand is released once. Without an answer, the redirected identifiers stay redirected.`,
    },
    { link: { label: "Status of your demand", url: links.statusUrl } },
  ]);
}

/** The demand was rejected, with each reason from the closed list (R3) or a reviewer's explanation. */
export function demandRejectedMessage(input: { summary: DemandSummary; findings: readonly Finding[]; explanation?: string; links: RequesterLinks }): Message {
  const { summary } = input;
  const reasons = input.findings.map((f) => `${f.reason.replace(/_/g, " ")}: ${f.explanation}`);
  return renderMessage(`Demand rejected: ${summary.reference}`, [
    opening(summary),
    { paragraph: "Your demand was rejected. No data will be disclosed." },
    ...(reasons.length > 0 ? [{ heading: "Reasons" }, { list: reasons }] : []),
    ...(input.explanation === undefined ? [] : [{ paragraph: input.explanation }]),
    { paragraph: "You may submit a corrected demand as a new request." },
    { link: { label: "Status of your demand", url: input.links.statusUrl } },
  ]);
}

/** The demand was approved and its sealed package is ready to collect with the requester's key; it names the scope as approved (R6). */
export function packageReadyMessage(input: {
  summary: DemandSummary;
  categories: readonly string[];
  availableUntil: string;
  links: RequesterLinks;
  approved?: { keptTargets: readonly { index: number; type: IdentifierType }[]; dateRange: { from: string; to: string } } | undefined;
}): Message {
  const { summary } = input;
  const approved = input.approved;
  return renderMessage(`Package ready: ${summary.reference}`, [
    opening(summary),
    { paragraph: `Your demand was approved. A sealed package with ${input.categories.join(", ")} is ready.` },
    ...(approved === undefined
      ? []
      : [
          {
            facts: [
              ["Categories approved", input.categories.join(", ")],
              ["Identifiers approved (by their position in your demand)", approved.keptTargets.map((t) => identifierLabel(t.index, t.type)).join("; ")],
              // The data is filed by UTC day (docs/customer-data.md): the requester is told which days it got.
              ["Date range approved", `${approved.dateRange.from} to ${approved.dateRange.to} (days in UTC, both included)`],
            ] as [string, string][],
          },
        ]),
    {
      paragraph: `Collect it through the status of your demand with your credential before ${input.availableUntil}. It is encrypted to your registered public key; open and verify it offline with the recipient tool.`,
    },
    { link: { label: "Status of your demand", url: input.links.statusUrl } },
  ]);
}
