import { describe, expect, it } from "vitest";
import { dayFrom } from "../../scripts/relative-dates";
import { generateDemoDataset } from "../../shared/adapters/local/demo-data/demo-dataset";
import { minimalPdf } from "../../scripts/minimal-pdf";
import { noteMailedTo, type CaughtMail } from "../../scripts/stack-client";
import type { TransparencyReport } from "../../shared/transparency/report-model";
import { AppStack, aReference, poll, useAppStack } from "./app-stack";

/**
 * The published commitments end to end through the local host (issue 11, items 2–6 and 9). The tests share one stack and
 * its clock: the ones that move the clock come last, in order, and every demand is dated from the host's clock.
 */

const ANA = "ana.reviewer@contoso.example";
const BEN = "ben.reviewer@contoso.example";
const PAT = "pat@outlook.example";
const FABRIKAM_ADMIN = "legal@fabrikam.example";
const DAY = 86_400_000;

let stack: AppStack;
useAppStack((started) => (stack = started));

const to = (address: string) => (m: CaughtMail) => m.to.some((t) => t.address === address);
const hostNow = () => stack.client.clock();
/** A calendar day relative to the wall clock, for bodies filed through AppStack.submit (which shifts them by the host clock's offset). */
const day = (offset: number) => dayFrom(new Date(), offset);
/** A calendar day relative to the host's clock (which earlier tests moved), for filings made directly. */
const hostDay = async (offset: number) => dayFrom(await hostNow(), offset);

/** The review link mailed to `reviewer` for a round whose name matches `round` (the latest such mail). */
async function linkFor(reference: string, reviewer: string, round: RegExp): Promise<string> {
  return poll(`a ${String(round)} link for ${reviewer}`, async () => {
    const links = (await stack.mails(reference))
      .filter(to(reviewer))
      .flatMap((m) => [...m.text.matchAll(/https?:\/\/\S+\/api\/review\/[A-Za-z0-9_.-]+/g)].map((x) => x[0]))
      .filter((link) => round.test(tokenRound(link)));
    const link = links.at(-1);
    return link === undefined ? undefined : noteMailedTo(link, reviewer);
  });
}

/** The round a mailed review link's token names ("" for a link that carries no token). */
function tokenRound(link: string): string {
  const payload = link.split("/").at(-1)?.split(".")[0] ?? "";
  try {
    return String((JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { round: string }).round);
  } catch {
    return "";
  }
}

interface ChainEntry {
  seq: number;
  step: string;
  actor: string;
  detail?: string;
  documentDigest?: string;
}

/** The demand's audit chain (administrators' route), checked to verify. */
async function chain(id: string): Promise<ChainEntry[]> {
  const response = await stack.api("GET", `/api/demands/${id}/audit`);
  expect(response.status).toBe(200);
  const body = response.body as { entries: ChainEntry[]; verification: { ok: boolean } };
  expect(body.verification.ok).toBe(true);
  return body.entries;
}

/** Waits until the chain holds every step named, in this order (other steps may sit between them). */
async function chainHolds(id: string, steps: string[]): Promise<ChainEntry[]> {
  return poll(`audit steps ${steps.join(", ")}`, async () => {
    const entries = await chain(id);
    let at = 0;
    for (const step of steps) {
      const found = entries.slice(at).findIndex((e) => e.step === step);
      if (found < 0) return undefined;
      at += found + 1;
    }
    return entries;
  });
}

const pdfUpload = (name: string) => ({ filename: `${name}.pdf`, contentBase64: minimalPdf(name).toString("base64") });

/** A past day on which the demo data set holds one of Pat's sign-ins (the data set is generated the same way by the host). */
const patSignIn = generateDemoDataset()
  .filter((item) => item.accountId === "acct-pat-0001" && item.category === "ip_history" && item.date < day(-1))
  .map((item) => item.date)
  .sort()
  .at(-1)!;

function emergencyBody() {
  return {
    legalProcess: {
      kind: "emergency_request" as const,
      reference: "placeholder",
      issuingAuthority: "Example County Sheriff",
      issuingCountry: "US",
      issuedOn: day(-1),
      signature: { name: "Sgt. Example", role: "law_enforcement_officer" as const, signedOn: day(-1) },
      addressedTo: "Contoso Cloud Services LLC",
    },
    emergency: {
      onOfficialLetterhead: true,
      signingAuthority: "Example County Sheriff's Office",
      kind: "kidnapping" as const,
      summary: "A child was taken from a school this morning; the suspect used this account to contact the family.",
      howDataHelps: "Recent sign-in addresses would show where the suspect is.",
    },
    categories: ["subscriber_info" as const, "ip_history" as const],
    // At most 30 days (an emergency asks for little), ending on a day the demo data set holds a sign-in of Pat's.
    dateRange: { from: dayFrom(new Date(Date.parse(`${patSignIn}T00:00:00Z`)), -20), to: patSignIn },
  };
}

// Alone each test takes a few seconds; under the whole suite's load the multi-path ones need more than the default 30 s.
describe("the commitments end to end (local host)", { timeout: 90_000 }, () => {
  it("R10: an approval without the out-of-band verification is refused; an approved emergency is released at once and the holder's notice follows the disclosure", async () => {
    const ref = aReference("emerg");
    const id = await stack.submit(ref, emergencyBody() as never);
    const inReview = await stack.waitFor(id, (s) => s.status !== "received", "intake");
    expect(inReview.status, JSON.stringify(inReview.timeline)).toBe("in_review");
    const link = await linkFor(ref, ANA, /^review-/);
    const before = await stack.status(id);

    expect(await stack.decide(link, { action: "approve" })).toBe(400);
    const unchanged = await stack.status(id);
    expect(unchanged.status).toBe("in_review");
    expect(unchanged.timeline).toEqual(before.timeline);

    const verification = "Called the sheriff's number on file; the duty sergeant confirmed the request.";
    expect(await stack.decide(link, { action: "approve", verification })).toBe(200);
    // No clock move: released right after the deciding click, no objection window.
    const closed = await stack.waitFor(id, (s) => s.status === "closed", "close");
    expect(closed.outcome).toBe("disclosed_non_content");
    expect(closed.timeline.map((t) => t.step)).not.toContain("objection window opened");
    await stack.waitForMails(ref, 1, to(PAT));

    // R10/R12: the notice is audited after the release; the chain holds the path.
    const entries = await chainHolds(id, ["received", "validated", "review_decision_approve", "collecting", "package_released", "customer_notice_sent", "closed"]);
    const released = entries.find((e) => e.step === "package_released")!;
    expect(released.detail).toMatch(/manifest sha256 [0-9a-f]{64}/);
    expect(entries.find((e) => e.step === "received")!.documentDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(entries.find((e) => e.step === "review_decision_approve")!.actor).toMatch(/^reviewer:/);
    const notice = entries.find((e) => e.step === "customer_notice_sent")!;
    expect(notice.detail).toMatch(/prompt notice with a copy of the demand to the account holder/);
    expect(notice.detail).not.toContain(PAT);

    // R12: every download link handed out is in the chain.
    expect((await stack.api("GET", `/api/demands/${id}/package`)).status).toBe(200);
    await chainHolds(id, ["package_released", "package_link_issued"]);
  });

  it("R4/R5: a redirected enterprise demand: the customer's admins get the notice with a copy when the redirect goes out", async () => {
    const ref = aReference("redir-notice");
    const id = await stack.submit(ref, { targets: [{ type: "email", value: "ceo@fabrikam.example" }], categories: ["subscriber_info"] });
    await stack.waitFor(id, (s) => s.status === "awaiting_redirect", "redirect");
    const notice = await stack.waitForMails(ref, 1, to(FABRIKAM_ADMIN));
    expect(notice[0]!.attachments?.map((a) => a.fileName)).toEqual(["warrant.pdf"]);
    expect((await stack.api("POST", `/api/demands/${id}/withdraw`)).status).toBe(202);
    expect((await stack.waitFor(id, (s) => s.status === "closed", "close")).outcome).toBe("redirected");
    expect((await stack.mails(ref)).filter(to(FABRIKAM_ADMIN))).toHaveLength(1);
    // R12: receipt, verdict, redirect (with the contact released), the notice, the requester's answer, the outcome, close.
    const entries = await chainHolds(id, ["received", "validated", "redirected", "withdrawn_after_redirect", "outcome", "closed"]);
    expect(entries.map((e) => e.step)).toEqual(expect.arrayContaining(["customer_contact_released", "customer_notice_sent"]));
    expect(entries.find((e) => e.step === "validated")!.detail).toMatch(/redirect/);
  });

  it("R3/R12: a demand rejected at validation has its receipt and every reason in the chain", async () => {
    const ref = aReference("invalid");
    const id = await stack.submit(ref, { dateRange: { from: "2026-01-01" } as never });
    expect((await stack.waitFor(id, (s) => s.status === "closed", "close")).outcome).toBe("rejected");
    const entries = await chainHolds(id, ["received", "rejected", "closed"]);
    expect(entries.find((e) => e.step === "rejected")!.detail).toMatch(/rejected at validation: \S+/);
  });

  it("R5: a secrecy order filed after intake does not hold the notice until confirmed; a filing re-opens an open approval round; a fake PDF is refused", async () => {
    const ref = aReference("late-order");
    const id = await stack.submit(ref); // content: two reviewers
    await stack.waitFor(id, (s) => s.status === "in_review", "review");
    expect(await stack.decide(await linkFor(ref, ANA, /^review-/), { action: "approve" })).toBe(200);
    await stack.waitFor(id, (s) => s.timeline.some((t) => t.step === "review decision: approve"), "first approval");

    const order = { reference: "NDO-LATE", issuingCourt: "Superior Court", issuedOn: await hostDay(-2), expiresOn: await hostDay(90) };
    const before = await stack.status(id);
    const fake = { action: "add", order, document: { filename: "fake.pdf", contentBase64: Buffer.from("%PDF-1.4 not a court order").toString("base64") } };
    expect((await stack.api("POST", `/api/demands/${id}/secrecy-orders`, fake)).status).toBe(400);
    expect((await stack.status(id)).timeline).toEqual(before.timeline);

    expect((await stack.api("POST", `/api/demands/${id}/secrecy-orders`, { action: "add", order, document: pdfUpload("NDO-LATE") })).status).toBe(202);
    await stack.waitFor(id, (s) => s.timeline.some((t) => t.step === "review round reopened"), "round reopened");
    // The earlier approval no longer counts: one approval in the new round is not enough.
    expect(await stack.decide(await linkFor(ref, BEN, /^review-[2-9]/), { action: "approve" })).toBe(200);
    await stack.waitFor(id, (s) => s.timeline.filter((t) => t.step === "review decision: approve").length === 2, "second approval");
    expect((await stack.status(id)).status).toBe("in_review");
    expect((await stack.mails(ref)).filter(to(PAT))).toHaveLength(0);
    // Nobody confirmed the order: it does not bind, and the prompt notice goes out on approval.
    expect(await stack.decide(await linkFor(ref, ANA, /^review-[2-9]/), { action: "approve" })).toBe(200);
    await stack.waitForMails(ref, 1, to(PAT));
    await stack.waitFor(id, (s) => s.status === "awaiting_notice_window", "objection window");
    const entries = await chainHolds(id, ["received", "review_decision_approve", "secrecy_order_filed", "review_round_reopened", "customer_notice_sent"]);
    expect(entries.find((e) => e.step === "secrecy_order_filed")!.documentDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  /** Demands waiting on orders that end on the same day, for the boundary test below. */
  const ending: { expiresOn: string; confirmed: { ref: string; id: string }; withheld: { ref: string; id: string }; redirected: { ref: string; id: string } } = {} as never;

  it("R5/R9: a confirmed late order holds the notice; an order filed with a redirected demand holds the admins' notice past the close as redirected", async () => {
    ending.expiresOn = await hostDay(30);
    // Filed directly (dated from the host's clock), and with demands through AppStack.submit (which shifts wall-clock dates).
    const order = { reference: "NDO-END", issuingCourt: "Superior Court", issuedOn: await hostDay(-2), expiresOn: ending.expiresOn };
    // The same whole days AppStack.submit shifts by (the host's own offset, not a difference of two clocks read apart).
    const offsetDays = Math.floor(((await (await fetch(`${stack.url}/admin/clock`)).json()) as { offsetMs: number }).offsetMs / DAY);
    const unshift = (date: string) => dayFrom(new Date(Date.parse(`${date}T12:00:00Z`)), -offsetDays);
    const intakeOrder = { ...order, issuedOn: unshift(order.issuedOn), expiresOn: unshift(order.expiresOn) };

    // A late order, confirmed by a signed-in reviewer on the review page (round secrecy-confirm-N), then approval.
    const confirmedRef = aReference("confirmed");
    const confirmed = await stack.submit(confirmedRef, { categories: ["subscriber_info"] });
    await stack.waitFor(confirmed, (s) => s.status === "in_review", "review");
    expect((await stack.api("POST", `/api/demands/${confirmed}/secrecy-orders`, { action: "add", order, document: pdfUpload("NDO-END") })).status).toBe(202);
    expect(await stack.decide(await linkFor(confirmedRef, ANA, /^secrecy-confirm-\d+$/), { action: "confirm_order", comment: "Court order checked." })).toBe(200);
    await stack.waitFor(confirmed, (s) => s.timeline.some((t) => t.step === "secrecy order confirmed"), "confirmation");
    expect(await stack.decide(await linkFor(confirmedRef, ANA, /^review-[2-9]/), { action: "approve" })).toBe(200);
    const held = await stack.waitFor(confirmed, (s) => s.status === "awaiting_secrecy_expiry", "secrecy wait");
    expect(held.outcome).toBe("disclosed_non_content");

    // An order filed with the demand (judged at intake); the expiry reviewer will withhold the notice.
    const withheldRef = aReference("withheld-at-end");
    const withheld = await stack.submit(withheldRef, { categories: ["subscriber_info"], secrecyOrder: intakeOrder });
    expect(await stack.decide(await linkFor(withheldRef, ANA, /^review-/), { action: "approve" })).toBe(200);
    await stack.waitFor(withheld, (s) => s.status === "awaiting_secrecy_expiry", "secrecy wait");

    // A redirected enterprise demand under an order: no notice when the redirect goes out, closed as redirected.
    const redirectedRef = aReference("redir-secret");
    const redirected = await stack.submit(redirectedRef, { targets: [{ type: "email", value: "sales@fabrikam.example" }], categories: ["subscriber_info"], secrecyOrder: intakeOrder });
    await stack.waitFor(redirected, (s) => s.status === "awaiting_redirect", "redirect");
    expect((await stack.api("POST", `/api/demands/${redirected}/withdraw`)).status).toBe(202);
    const concluded = await stack.waitFor(redirected, (s) => s.status === "awaiting_secrecy_expiry", "redirect concluded, notice owed");
    expect(concluded.outcome).toBe("redirected");

    for (const ref of [confirmedRef, withheldRef, redirectedRef]) expect((await stack.mails(ref)).filter((m) => to(PAT)(m) || to(FABRIKAM_ADMIN)(m))).toHaveLength(0);
    await chainHolds(confirmed, ["secrecy_order_filed", "secrecy_order_confirmed", "review_decision_approve", "notice_delayed", "package_released"]);
    Object.assign(ending, { confirmed: { ref: confirmedRef, id: confirmed }, withheld: { ref: withheldRef, id: withheld }, redirected: { ref: redirectedRef, id: redirected } });
  });

  it("R9: reviewers are asked 14 days ahead; nothing goes out while the last day in force runs anywhere; the delayed notice once it has ended everywhere (12:00 UTC the day after) unless withheld", async () => {
    expect(ending.confirmed, "runs after the test that sets the demands up").toBeDefined();
    const endsAt = Date.parse(`${ending.expiresOn}T12:00:00.000Z`) + DAY;
    const moveTo = async (at: number) => {
      const seconds = Math.ceil((at - (await hostNow()).getTime()) / 1000);
      expect(seconds).toBeGreaterThan(0);
      await stack.advance(`PT${seconds}S`);
    };
    const expiryAsks = async (ref: string) => (await stack.mails(ref)).filter((m) => to(ANA)(m) && /\/api\/review\//.test(m.text) && /^secrecy-expiry-/.test(tokenRound(/https?:\/\/\S+\/api\/review\/[A-Za-z0-9_.-]+/.exec(m.text)![0])));

    // A minute before the lead time: not asked yet; a minute after: asked.
    await moveTo(endsAt - 14 * DAY - 60_000);
    expect(await expiryAsks(ending.confirmed.ref)).toHaveLength(0);
    await moveTo(endsAt - 14 * DAY + 60_000);
    await poll("expiry review asked", async () => ((await expiryAsks(ending.confirmed.ref)).length > 0 ? true : undefined));
    expect(await stack.decide(await linkFor(ending.withheld.ref, ANA, /^secrecy-expiry-/), { action: "withhold", withholdReason: "danger", comment: "The holder threatened the witness." })).toBe(200);

    // Withheld with reasons: nothing more is owed, the demand closes without a notice.
    await stack.waitFor(ending.withheld.id, (s) => s.status === "closed", "closed as withheld");
    // The last day in force, one minute before it ends at UTC−12 (it ended in UTC 12 hours ago): nothing.
    await moveTo(endsAt - 60_000);
    for (const d of [ending.confirmed, ending.redirected]) {
      expect((await stack.mails(d.ref)).filter((m) => to(PAT)(m) || to(FABRIKAM_ADMIN)(m))).toHaveLength(0);
      expect((await stack.status(d.id)).status).toBe("awaiting_secrecy_expiry");
    }
    // The day after: the delayed notices, to the holder and to the enterprise's admins; none where withheld.
    await moveTo(endsAt + 60_000);
    const delayed = await stack.waitForMails(ending.confirmed.ref, 1, to(PAT));
    expect(delayed[0]!.text).toMatch(/delayed notice/i);
    const admins = await stack.waitForMails(ending.redirected.ref, 1, to(FABRIKAM_ADMIN));
    expect(admins[0]!.attachments?.map((a) => a.fileName)).toEqual(["warrant.pdf"]);
    for (const d of [ending.confirmed, ending.withheld, ending.redirected]) await stack.waitFor(d.id, (s) => s.status === "closed", "close");
    expect((await stack.status(ending.redirected.id)).outcome).toBe("redirected");
    expect((await stack.mails(ending.withheld.ref)).filter(to(PAT))).toHaveLength(0);
    const entries = await chainHolds(ending.confirmed.id, ["delayed_notice_pending", "customer_notice_sent", "closed"]);
    expect(entries.map((e) => e.step)).toContain("secrecy_order_ended");
    expect(entries.find((e) => e.step === "customer_notice_sent")!.detail).toMatch(/^delayed notice/);
    const withheldChain = await chainHolds(ending.withheld.id, ["delayed_notice_pending", "delayed_notice_decision_withhold", "delayed_notice_withheld", "closed"]);
    expect(withheldChain.find((e) => e.step === "delayed_notice_decision_withhold")!.actor).toMatch(/^reviewer:[0-9a-f]{64}$/);
  });

  it("R11: a demand disclosed under an open-ended order is counted in its half-year while it stays open; rebuild agrees", async () => {
    const ref = aReference("forever");
    const id = await stack.submit(ref, { categories: ["subscriber_info"], secrecyOrder: { reference: "NDO-X", issuingCourt: "Superior Court", issuedOn: day(-20) } });
    const received = await hostNow();
    expect(await stack.decide(await linkFor(ref, ANA, /^review-/), { action: "approve" })).toBe(200);
    const s = await stack.waitFor(id, (x) => x.status === "awaiting_secrecy_expiry", "secrecy wait");
    expect(s.outcome).toBe("disclosed_non_content");
    await chainHolds(id, ["package_released", "outcome"]);

    // The report of the half-year is produced once it has ended: move to the next one.
    const year = received.getUTCFullYear();
    const half = received.getUTCMonth() < 6 ? 1 : 2;
    const period = `${year}-H${half}`;
    const nextStart = half === 1 ? Date.UTC(year, 6, 1) : Date.UTC(year + 1, 0, 1);
    const seconds = Math.ceil((nextStart + 3_600_000 - (await hostNow()).getTime()) / 1000);
    await stack.advance(`PT${seconds}S`);

    const incremental = await stack.api("GET", `/api/reports/transparency?period=${period}`);
    expect(incremental.status).toBe(200);
    const counted = incremental.body as TransparencyReport;
    expect(counted.totals.outcomes.disclosedNonContent).not.toBe(0);
    expect(counted.totals.secrecyOrders).not.toBe(0);
    expect((await stack.api("POST", "/api/manage/transparency/rebuild")).status).toBe(200);
    const rebuilt = (await stack.api("GET", `/api/reports/transparency?period=${period}`)).body as TransparencyReport;
    expect({ ...rebuilt, generatedOn: "" }).toEqual({ ...counted, generatedOn: "" });
    // Still open: the order has no end date.
    expect((await stack.status(id)).status).toBe("awaiting_secrecy_expiry");
  });

  it("R12: the chain holds every step of the other paths (reviewer rejection, narrowing and objection window, notice withheld, no data, a refused cannot-redirect answer)", async () => {
    const paths = {
      rejected: aReference("p-reject"),
      narrowed: aReference("p-narrow"),
      withheld: aReference("p-withheld"),
      nodata: aReference("p-nodata"),
      refused: aReference("p-refused"),
    };
    const ids = {
      rejected: await stack.submit(paths.rejected),
      narrowed: await stack.submit(paths.narrowed),
      withheld: await stack.submit(paths.withheld, { categories: ["subscriber_info"] }),
      nodata: await stack.submit(paths.nodata, { targets: [{ type: "email", value: "nobody@nowhere.example" }], categories: ["subscriber_info"] }),
      refused: await stack.submit(paths.refused, { targets: [{ type: "email", value: "ceo@fabrikam.example" }], categories: ["subscriber_info"] }),
    };
    expect(await stack.decide(await linkFor(paths.rejected, ANA, /^review-/), { action: "reject", reason: "facially_invalid", comment: "No probable cause shown." })).toBe(200);
    expect(await stack.decide(await linkFor(paths.narrowed, ANA, /^review-/), { action: "narrow", categories: ["subscriber_info"], targets: ["0"], comment: "Content not justified." })).toBe(200);
    expect(await stack.decide(await linkFor(paths.narrowed, BEN, /^review-/), { action: "approve" })).toBe(200);
    expect(await stack.decide(await linkFor(paths.withheld, ANA, /^review-/), { action: "withhold_notice", withholdReason: "counterproductive", comment: "The account was hijacked." })).toBe(200);
    expect(await stack.decide(await linkFor(paths.nodata, ANA, /^review-/), { action: "approve" })).toBe(200);
    await stack.waitFor(ids.refused, (s) => s.status === "awaiting_redirect", "redirect");
    const reason = { reason: "A court found that approaching the company would alert the suspect, its chief executive." };
    expect((await stack.api("POST", `/api/demands/${ids.refused}/cannot-redirect`, reason)).status).toBe(202);
    expect(await stack.decide(await linkFor(paths.refused, ANA, /^redirect-/), { action: "refuse_reason", comment: "Not a legal bar." })).toBe(200);
    await stack.waitFor(ids.narrowed, (s) => s.status === "awaiting_notice_window", "objection window");
    await stack.advance("P11D");

    const expected: Record<keyof typeof ids, string[]> = {
      rejected: ["received", "validated", "review_decision_reject", "outcome", "closed"],
      narrowed: ["received", "validated", "review_decision_narrow", "review_decision_approve", "approved", "customer_notice_sent", "objection_window_opened", "collecting", "package_released", "outcome", "closed"],
      withheld: ["received", "validated", "review_decision_withhold_notice", "approved", "notice_withheld", "collecting", "package_released", "outcome", "closed"],
      nodata: ["received", "validated", "review_decision_approve", "approved", "no_data", "outcome", "closed"],
      refused: ["received", "validated", "redirected", "customer_contact_released", "cannot_redirect", "review_decision_refuse_reason", "outcome", "closed"],
    };
    for (const [path, steps] of Object.entries(expected) as [keyof typeof ids, string[]][]) {
      const entries = await chainHolds(ids[path], steps);
      for (const entry of entries) expect(entry.actor, `${path}: no address in the chain`).not.toContain("@");
      if (path === "withheld") expect(entries.map((e) => e.step)).not.toContain("customer_notice_sent");
      expect(entries.find((e) => e.step === "received")!.documentDigest, path).toMatch(/^[0-9a-f]{64}$/);
    }
    const refused = await chain(ids.refused);
    expect(refused.find((e) => e.step === "cannot_redirect")!.actor).toMatch(/^requester/);
    expect(refused.find((e) => e.step === "review_decision_refuse_reason")!.actor).toMatch(/^reviewer:[0-9a-f]{64}$/);
  });
});
