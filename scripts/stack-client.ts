import type { DemandBody, DemandSubmission } from "../shared/domain/demand";
import type { DemandStatusView } from "../shared/use-cases/demand-status";
import { minimalPdf } from "./minimal-pdf";
import { CookieJar, fetchWithJar, signInAsStaff } from "./staff-sign-in-client";
import { dayFrom, previousHalfYear } from "./relative-dates";

/** A mail caught by maildev, as its REST API returns it. */
export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  to: { address: string }[];
  attachments?: { fileName: string }[];
}

/** A demand's status as the requester sees it (the API's own view). */
export type DemandStatusBody = DemandStatusView;

/** Polls until `attempt` yields a value, or fails after a deadline. */
export async function poll<T>(what: string, attempt: () => Promise<T | undefined>, deadlineMs = 20_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Talks to a running stack as a requester, a reviewer clicking links, and an operator moving the clock; reads the mail catcher. */
export class StackClient {
  constructor(
    readonly apiUrl: string,
    readonly mailUrl: string,
    readonly credential: string,
    /** The demo staff accounts' password on the local OpenID provider (npm start prints it). */
    readonly staffPassword = "",
    /** The host's admin key, for the clock and /api/manage (none: a host that requires no key). */
    readonly adminKey?: string,
  ) {}

  private adminHeaders(): Record<string, string> {
    return this.adminKey === undefined ? {} : { "x-functions-key": this.adminKey };
  }

  /** Files a demand under an idempotency key derived from its reference; returns its id. */
  async submit(submission: DemandSubmission): Promise<string> {
    const response = await this.api("POST", "/api/demands", submission, { "idempotency-key": `key-${submission.legalProcess.reference}` });
    if (response.status !== 202) throw new Error(`submit answered ${response.status}: ${JSON.stringify(response.body)}`);
    return String((response.body as { id: string }).id);
  }

  /** Calls the API as the requester. */
  async api(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.apiUrl}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${this.credential}`,
        ...(route.startsWith("/api/manage/") ? this.adminHeaders() : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? null : (JSON.parse(text) as unknown) };
  }

  /** The requester's view of a demand. */
  async status(id: string): Promise<DemandStatusBody> {
    return (await this.api("GET", `/api/demands/${id}`)).body as DemandStatusBody;
  }

  /** Polls the demand until `check` holds. */
  waitFor(id: string, check: (s: DemandStatusBody) => boolean, what: string): Promise<DemandStatusBody> {
    return poll(what, async () => {
      const s = await this.status(id);
      return check(s) ? s : undefined;
    });
  }

  /** The host's virtual clock (ahead of the wall clock once someone moved it). */
  async clock(): Promise<Date> {
    const response = await fetch(`${this.apiUrl}/admin/clock`, { headers: this.adminHeaders() });
    if (!response.ok) throw new Error(`clock answered ${response.status}`);
    return new Date(((await response.json()) as { now: string }).now);
  }

  /** Moves the host's virtual clock; resolves once the work it caused is done. */
  async advance(duration: string): Promise<string> {
    const response = await fetch(`${this.apiUrl}/admin/clock`, { method: "POST", headers: this.adminHeaders(), body: JSON.stringify({ advance: duration }) });
    if (!response.ok) throw new Error(`clock answered ${response.status}`);
    return ((await response.json()) as { now: string }).now;
  }

  /** Every mail caught so far whose subject names `reference`. */
  async mails(reference: string): Promise<CaughtMail[]> {
    const all = (await (await fetch(`${this.mailUrl}/email`)).json()) as CaughtMail[];
    return all.filter((m) => m.subject.includes(reference));
  }

  /** Waits until at least `count` mails for a reference match `filter`. */
  waitForMails(reference: string, count: number, filter: (m: CaughtMail) => boolean = () => true): Promise<CaughtMail[]> {
    return poll(`${count} mail(s) for ${reference}`, async () => {
      const found = (await this.mails(reference)).filter(filter);
      return found.length >= count ? found : undefined;
    });
  }

  /** The latest review link mailed to one reviewer for a reference. */
  async reviewLink(reference: string, reviewer: string): Promise<string> {
    const mails = await this.waitForMails(reference, 1, (m) => m.to.some((t) => t.address === reviewer) && /\/api\/review\//.test(m.text));
    const link = /https?:\/\/\S+\/api\/review\/[A-Za-z0-9_.-]+/.exec(mails.at(-1)!.text)?.[0];
    if (link === undefined) throw new Error("no review link in the mail");
    return noteMailedTo(link, reviewer);
  }

  /**
   * Decides as a browser would: signs in to the local OpenID provider as `reviewer` (by default the person the link was
   * mailed to), opens the link's review page and posts its form with these fields; returns the HTTP status.
   */
  async decide(link: string, fields: Record<string, string | string[]>, reviewer: string = mailedTo(link)): Promise<number> {
    const jar = new CookieJar();
    await signInAsStaff(jar, this.apiUrl, reviewer, this.staffPassword);
    const { response, url } = await fetchWithJar(jar, link);
    const page = await response.text();
    if (response.status !== 200) return response.status;
    const hidden = (name: string) => new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(page)?.[1] ?? "";
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1] ?? new URL(url).pathname;
    const form = new URLSearchParams({ confirm: "yes", csrf: hidden("csrf"), round: hidden("round"), intent: "decide" });
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
    const posted = await fetchWithJar(jar, new URL(action.replace(/&amp;/g, "&"), url).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(url).origin },
      body: form.toString(),
    });
    return posted.response.status;
  }
}

// The links reviewLink found, by whom their mail was addressed to: a link's token does not name its reviewer. Kept for
// the process, so a client started later (after a restart) decides a link an earlier one found.
const MAILED_TO = new Map<string, string>();

/** Notes whom a review link found in a mail was addressed to, so decide() signs in as that reviewer by default. */
export function noteMailedTo(link: string, reviewer: string): string {
  MAILED_TO.set(link, reviewer);
  return link;
}

/** Who a review link found by reviewLink (or noted with noteMailedTo) was mailed to. */
export function mailedTo(link: string): string {
  const reviewer = MAILED_TO.get(link);
  if (reviewer === undefined) throw new Error("a review link not found by reviewLink or noteMailedTo: name the reviewer who decides");
  return reviewer;
}

/** A sound demand for one consumer mailbox (a US warrant), with a tiny PDF, dated around `now` (issued 20 days before, valid 71 days after). */
export function demoSubmission(reference: string, overrides: Partial<DemandBody> = {}, now: Date = new Date()): DemandSubmission {
  const pdf = minimalPdf(reference).toString("base64");
  return {
    requester: { kind: "law_enforcement", country: "US", jurisdiction: "US-CA", agency: "Demo County Sheriff" },
    legalProcess: {
      kind: "search_warrant",
      reference,
      issuingAuthority: "Superior Court of Demo County",
      issuingCountry: "US",
      issuedOn: dayFrom(now, -20),
      expiresOn: dayFrom(now, 71),
      signature: { name: "Judge A. Example", role: "judge", signedOn: dayFrom(now, -20) },
      addressedTo: "Contoso Cloud Services LLC",
    },
    targets: [{ type: "email", value: "pat@outlook.example" }],
    categories: ["subscriber_info", "content_mail"],
    dateRange: previousHalfYear(now),
    childExploitationInvestigation: false,
    ...overrides,
    document: { filename: "warrant.pdf", contentBase64: pdf },
  };
}
