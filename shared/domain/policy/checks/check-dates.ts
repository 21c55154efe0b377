import type { Finding, SecrecyOrder } from "../../demand";
import type { IsoDate } from "../../primitives";
import { earliestDateOf, isDateBefore, latestDateOf } from "../dates";
import type { PolicyCheck } from "./policy-check";
import { makeFinding } from "./policy-check";

/**
 * R3 wrong dates: no date left empty, nothing issued, signed or consented in the future, no expired process, no
 * unbounded, inverted or future range. Process expiring today is still valid today. A range that ends in the future is
 * allowed. "The future" is after the latest date anywhere on Earth: a document carries the date where it was made, which
 * may already be tomorrow's UTC date (Auckland, Sydney, Tokyo). Likewise process is expired only once its last day has
 * ended everywhere (the date at UTC−12): the demand does not say where that day is counted, and a US court's last day
 * runs until 08:00 UTC the day after; as a secrecy order binds until then (lifecycle/timing.ts), reviewers see the date.
 */
export const checkDates: PolicyCheck = ({ body, ctx }) => {
  const latest = latestDateOf(ctx.now);
  const earliest = earliestDateOf(ctx.now);
  const process = body.legalProcess;
  const range = body.dateRange;
  const secrecy = body.secrecyOrder;
  const findings: Finding[] = [];
  const wrong = (explanation: string) => findings.push(makeFinding("wrong_dates", explanation));
  const expiresOn = process.expiresOn === "" ? undefined : process.expiresOn;
  const to = range.to === "" ? undefined : range.to;

  if (process.issuedOn === "") wrong("The legal process carries no date of issue.");
  else if (isDateBefore(latest, process.issuedOn)) wrong(`The legal process is dated ${process.issuedOn}, which is in the future.`);
  if (process.signature !== undefined) {
    const signedOn = process.signature.signedOn;
    if (signedOn === "") wrong("The signature carries no date.");
    else if (isDateBefore(latest, signedOn)) wrong(`The signature is dated ${signedOn}, which is in the future.`);
  }
  if (expiresOn !== undefined) {
    if (isDateBefore(expiresOn, earliest)) wrong(`The legal process expired on ${expiresOn}; serve current process.`);
    if (process.issuedOn !== "" && isDateBefore(expiresOn, process.issuedOn)) {
      wrong(`The legal process expires (${expiresOn}) before it was issued (${process.issuedOn}).`);
    }
  }
  if (range.from === "") wrong("The date range has no start; state the first day of data the order covers.");
  if (to === undefined) {
    wrong("The date range has no end; state the last day of data the order covers.");
  } else if (range.from !== "" && isDateBefore(to, range.from)) {
    wrong(`The date range ends (${to}) before it starts (${range.from}).`);
  }
  if (range.from !== "" && isDateBefore(latest, range.from)) wrong(`The date range starts on ${range.from}, which is in the future.`);
  // R2: the owner's consent must already have been given.
  if (body.consent !== undefined && isDateBefore(latest, body.consent.grantedOn)) {
    wrong(`The account owner's consent is dated ${body.consent.grantedOn}, which is in the future.`);
  }
  if (secrecy !== undefined) secrecyOrderDateProblems(secrecy, latest).forEach(({ message }) => wrong(message));
  return findings;
};

/** One wrong date of a secrecy order: which of its fields, and why. */
export interface SecrecyDateProblem {
  field: "issuedOn" | "expiresOn";
  message: string;
}

/** What is wrong with a secrecy order's own dates (R3, R9), judged at intake and for an order filed later alike. */
export function secrecyOrderDateProblems(order: SecrecyOrder, latest: IsoDate): SecrecyDateProblem[] {
  const problems: SecrecyDateProblem[] = [];
  // Decision: a secrecy order issued in the future is as wrong as process issued in the future.
  if (isDateBefore(latest, order.issuedOn)) problems.push({ field: "issuedOn", message: `The secrecy order is dated ${order.issuedOn}, which is in the future.` });
  if (order.expiresOn !== undefined && isDateBefore(order.expiresOn, order.issuedOn)) {
    problems.push({ field: "expiresOn", message: `The secrecy order expires (${order.expiresOn}) before it was issued (${order.issuedOn}).` });
  }
  return problems;
}
