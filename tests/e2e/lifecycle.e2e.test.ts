import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dayFrom } from "../../scripts/relative-dates";
import { LocalKeyring } from "../../shared/adapters/keys/local-keyring";
import type { WrappedKeyFile } from "../../shared/package/format";
import { minimalPdf } from "../../scripts/minimal-pdf";
import { requesterKeys } from "../support/builders";
import { openWith } from "../unit/disclosure/disclosure-fakes";
import { AppStack, aReference, poll, useAppStack } from "./app-stack";

const ANA = "ana.reviewer@contoso.example";
const BEN = "ben.reviewer@contoso.example";
const LEAD = "lead.counsel@contoso.example";
const PAT = "pat@outlook.example";
/** The app checks dates against the wall clock: days relative to it. */
const day = (offset: number) => dayFrom(new Date(), offset);
const REQUESTER = "records@sheriff.example";

let stack: AppStack;
useAppStack((started) => (stack = started));

const to = (address: string) => (m: { to: { address: string }[] }) => m.to.some((t) => t.address === address);

async function approveByBoth(reference: string): Promise<void> {
  expect(await stack.decide(await stack.reviewLink(reference, ANA), { action: "approve" })).toBe(200);
  expect(await stack.decide(await stack.reviewLink(reference, BEN), { action: "approve" })).toBe(200);
}

describe("the demand lifecycle end to end (local host, Azurite, Cosmos server, SMTP catcher)", () => {
  it("no secrecy order: two reviewers, prompt notice with the demand attached, objection window, disclosure", async () => {
    const ref = aReference("plain");
    const id = await stack.submit(ref);
    await stack.waitFor(id, (s) => s.status === "in_review", "review");
    const link = await stack.reviewLink(ref, ANA);
    // Unsigned, the mailed link only leads to the demand's page, which sends the visitor to sign in.
    const linked = await fetch(link, { redirect: "manual" });
    expect(linked.status).toBe(303);
    const page = await fetch(new URL(linked.headers.get("location")!, link), { redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toMatch(/^\/api\/staff\/login\?returnTo=/);
    expect(await page.text()).not.toContain(PAT);
    await approveByBoth(ref);
    const notice = await stack.waitForMails(ref, 1, to(PAT));
    expect(notice[0]!.attachments?.map((a) => a.fileName)).toEqual(["warrant.pdf"]);
    // The notice goes out before the window's step is recorded (the same batch of effects): wait for it.
    expect((await stack.waitFor(id, (s) => s.status === "awaiting_notice_window", "objection window")).status).toBe("awaiting_notice_window");
    expect((await stack.api("GET", `/api/demands/${id}/package`)).status).toBe(409);
    await stack.advance("P11D");
    const closed = await stack.waitFor(id, (s) => s.status === "closed", "close");
    expect(closed.outcome).toBe("disclosed_content");
    await stack.waitForMails(ref, 1, to(REQUESTER));
    expect((await stack.mails(ref)).filter(to(PAT))).toHaveLength(1);

    // The requester downloads the sealed package through its short-lived link and opens it offline.
    const released = await stack.api("GET", `/api/demands/${id}/package`);
    expect(released.status).toBe(200);
    const entry = (released.body as { packages: { downloadUrl: string; wrappedKey: WrappedKeyFile }[] }).packages[0]!;
    const bytes = Buffer.from(await (await fetch(entry.downloadUrl)).arrayBuffer());
    const providerKey = createPublicKey(await new LocalKeyring({ directory: stack.env.LOCAL_KEYRING_DIR! }).getSigningPublicKeyPem());
    const opened = await openWith(bytes, requesterKeys.privateKey, providerKey, entry.wrappedKey);
    expect(opened.signaturesChecked).toBe(true);
    expect(opened.items.size).toBeGreaterThan(0);
    expect(new Set(opened.manifest.items.map((i) => i.category))).toEqual(new Set(["subscriber_info", "content_mail"]));
  });

  it("a reviewer decides once per round: a second decision by the same person changes nothing", async () => {
    const ref = aReference("twice");
    const id = await stack.submit(ref);
    const link = await stack.reviewLink(ref, ANA);
    expect(await stack.decide(link, { action: "approve" })).toBe(200);
    expect(await stack.decide(link, { action: "reject", reason: "overly_broad", comment: "changed my mind" })).toBe(409);
    const s = await stack.waitFor(id, (x) => x.timeline.some((t) => t.step === "review decision: approve"), "first decision");
    expect(s.status).toBe("in_review");
    expect(s.timeline.filter((t) => t.step.startsWith("review decision"))).toHaveLength(1);
  });

  it("rejected at validation: closed as rejected and the requester is told why", async () => {
    const ref = aReference("invalid");
    const id = await stack.submit(ref, { dateRange: { from: "2026-01-01" } });
    const s = await stack.waitFor(id, (x) => x.status === "closed", "close");
    expect(s.outcome).toBe("rejected");
    const mails = await stack.waitForMails(ref, 1, to(REQUESTER));
    expect(mails[0]!.text).toMatch(/date/i);
  });

  it("rejected by a reviewer", async () => {
    const ref = aReference("refused");
    const id = await stack.submit(ref);
    expect(await stack.decide(await stack.reviewLink(ref, ANA), { action: "reject", reason: "facially_invalid", comment: "No probable cause shown." })).toBe(200);
    expect((await stack.waitFor(id, (s) => s.status === "closed", "close")).outcome).toBe("rejected");
  });

  it("narrowed by a reviewer to non-content only", async () => {
    const ref = aReference("narrow");
    const id = await stack.submit(ref);
    expect(await stack.decide(await stack.reviewLink(ref, ANA), { action: "narrow", categories: ["subscriber_info"], targets: ["0"], comment: "Content not justified." })).toBe(200);
    expect(await stack.decide(await stack.reviewLink(ref, BEN), { action: "approve" })).toBe(200);
    await stack.waitForMails(ref, 1, to(PAT));
    await stack.advance("P11D");
    expect((await stack.waitFor(id, (s) => s.status === "closed", "close")).outcome).toBe("disclosed_non_content");
  });

  it("notice withheld by a reviewer: no notice, disclosure follows at once", async () => {
    const ref = aReference("withheld");
    const id = await stack.submit(ref, { categories: ["subscriber_info"] });
    expect(await stack.decide(await stack.reviewLink(ref, ANA), { action: "withhold_notice", withholdReason: "counterproductive", comment: "The account was hijacked." })).toBe(200);
    expect((await stack.waitFor(id, (s) => s.status === "closed", "close")).outcome).toBe("disclosed_non_content");
    expect((await stack.mails(ref)).filter(to(PAT))).toHaveLength(0);
  });

  it("no data: an identifier no account matches closes as no data", async () => {
    const ref = aReference("nodata");
    const id = await stack.submit(ref, { targets: [{ type: "email", value: "nobody@nowhere.example" }], categories: ["subscriber_info"] });
    expect(await stack.decide(await stack.reviewLink(ref, ANA), { action: "approve" })).toBe(200);
    expect((await stack.waitFor(id, (s) => s.status === "closed", "close")).outcome).toBe("no_data");
  });

  it("redirect: the requester is told to go to the enterprise customer, and a withdrawal counts as redirected", async () => {
    const ref = aReference("redirect");
    const id = await stack.submit(ref, { targets: [{ type: "email", value: "ceo@fabrikam.example" }], categories: ["subscriber_info"] });
    await stack.waitFor(id, (s) => s.status === "awaiting_redirect", "redirect");
    const mails = await stack.waitForMails(ref, 1, to(REQUESTER));
    expect(mails[0]!.text).toMatch(/enterprise customer/i);
    expect((await stack.api("POST", `/api/demands/${id}/withdraw`)).status).toBe(202);
    expect((await stack.waitFor(id, (s) => s.status === "closed", "close")).outcome).toBe("redirected");
  });

  it("redirect: a legal reason refused by a reviewer closes as redirected; an accepted one goes on to review", async () => {
    const refused = aReference("cant-refused");
    const a = await stack.submit(refused, { targets: [{ type: "email", value: "ceo@fabrikam.example" }], categories: ["subscriber_info"] });
    await stack.waitFor(a, (s) => s.status === "awaiting_redirect", "redirect");
    const reason = { reason: "A court found that approaching the company would alert the suspect, its chief executive." };
    expect((await stack.api("POST", `/api/demands/${a}/cannot-redirect`, reason)).status).toBe(202);
    expect(await stack.decide(await stack.reviewLink(refused, ANA), { action: "refuse_reason", comment: "Not a legal bar." })).toBe(200);
    expect((await stack.waitFor(a, (s) => s.status === "closed", "close")).outcome).toBe("redirected");

    const accepted = aReference("cant-accepted");
    const b = await stack.submit(accepted, { targets: [{ type: "email", value: "sales@fabrikam.example" }], categories: ["subscriber_info"] });
    await stack.waitFor(b, (s) => s.status === "awaiting_redirect", "redirect");
    expect((await stack.api("POST", `/api/demands/${b}/cannot-redirect`, reason)).status).toBe(202);
    expect(await stack.decide(await stack.reviewLink(accepted, ANA), { action: "accept_reason", comment: "Court finding attached." })).toBe(200);
    await stack.waitFor(b, (s) => s.timeline.some((t) => t.step === "approval review requested"), "approval review");
  });

  it("R4: a demand naming an enterprise and a consumer account redirects only the enterprise one; the consumer one is reviewed at once and released, counted disclosed", async () => {
    const ref = aReference("mixed");
    const id = await stack.submit(ref, { targets: [{ type: "email", value: "ceo@fabrikam.example" }, { type: "email", value: PAT }], categories: ["subscriber_info"] });
    await stack.waitFor(id, (s) => s.status === "in_review", "consumer review");
    const redirect = await stack.waitForMails(ref, 1, to(REQUESTER));
    expect(redirect[0]!.text).toMatch(/Redirected \(by their position in your demand\): Identifier 1 /);
    expect(redirect[0]!.text).toMatch(/reviewed now: Identifier 2 /);
    expect(await stack.decide(await stack.reviewLink(ref, ANA), { action: "approve" })).toBe(200);
    await stack.waitFor(id, (s) => s.status === "awaiting_notice_window", "objection window");
    await stack.advance("P11D");
    expect((await stack.waitFor(id, (s) => s.status === "closed", "close")).outcome).toBe("disclosed_non_content");
  });

  it("emergency: a one-hour deadline, then escalation to the second pool", async () => {
    const ref = aReference("emergency");
    const id = await stack.submit(ref, {
      legalProcess: {
        kind: "emergency_request",
        reference: "placeholder",
        issuingAuthority: "Example County Sheriff",
        issuingCountry: "US",
        issuedOn: day(-1),
        signature: { name: "Sgt. Example", role: "law_enforcement_officer", signedOn: day(-1) },
        addressedTo: "Contoso Cloud Services LLC",
      },
      emergency: {
        onOfficialLetterhead: true,
        signingAuthority: "Example County Sheriff's Office",
        kind: "kidnapping",
        summary: "A child was taken from a school this morning; the suspect used this account to contact the family.",
        howDataHelps: "Recent sign-in addresses would show where the suspect is.",
      },
      categories: ["subscriber_info", "ip_history"],
      dateRange: { from: day(-11), to: day(-1) },
    });
    await stack.waitFor(id, (s) => s.status === "in_review", "review");
    await stack.advance("PT61M");
    const escalated = await stack.waitForMails(ref, 1, to(LEAD));
    expect(await stack.decide(await stack.reviewLink(ref, LEAD), { action: "approve" })).toBe(400);
    const verification = "Called the sheriff's number on file; the duty sergeant confirmed the request.";
    expect(await stack.decide(await stack.reviewLink(ref, LEAD), { action: "approve", verification })).toBe(200);
    expect(escalated[0]!.subject).toMatch(/escalat/i);
    await stack.waitForMails(ref, 1, to(PAT));
  });

  it("secrecy order: disclosed first, delayed notice after expiry; an extension moves the wait", async () => {
    const ref = aReference("secrecy");
    const order = { reference: "NDO-1", issuingCourt: "Superior Court", issuedOn: day(-20), expiresOn: day(72) };
    const id = await stack.submit(ref, { categories: ["subscriber_info"], secrecyOrder: order });
    expect(await stack.decide(await stack.reviewLink(ref, ANA), { action: "approve" })).toBe(200);
    await stack.waitFor(id, (s) => s.status === "awaiting_secrecy_expiry", "secrecy wait");
    expect((await stack.mails(ref)).filter(to(PAT))).toHaveLength(0);

    const pdf = minimalPdf("NDO-2 extension").toString("base64");
    const extension = { action: "add", order: { ...order, reference: "NDO-2", expiresOn: day(253) }, document: { filename: "ndo-2.pdf", contentBase64: pdf } };
    expect((await stack.api("POST", `/api/demands/${id}/secrecy-orders`, extension)).status).toBe(202);
    await stack.advance("P90D");
    expect((await stack.mails(ref)).filter(to(PAT))).toHaveLength(0);
    await stack.advance("P165D");
    await stack.waitForMails(ref, 1, (m) => to(ANA)(m) && /secrecy/i.test(m.subject + m.text));
    await stack.advance("P4D");
    const delayed = await stack.waitForMails(ref, 1, to(PAT));
    expect(delayed[0]!.text).toMatch(/delayed notice/i);
    expect((await stack.waitFor(id, (s) => s.status === "closed", "close")).outcome).toBe("disclosed_non_content");
  });

  it("secrecy order with no end date: reviewers are asked to reconsider it every 180 days", async () => {
    const ref = aReference("forever");
    const id = await stack.submit(ref, { categories: ["subscriber_info"], secrecyOrder: { reference: "NDO-X", issuingCourt: "Superior Court", issuedOn: day(-20) } });
    expect(await stack.decide(await stack.reviewLink(ref, ANA), { action: "approve" })).toBe(200);
    await stack.waitFor(id, (s) => s.status === "awaiting_secrecy_expiry", "secrecy wait");
    await stack.advance("P181D");
    const due = await stack.waitForMails(ref, 1, (m) => /Secrecy order review due/.test(m.subject));
    expect(due[0]!.to.map((t) => t.address).sort()).toEqual([ANA, BEN]);
    expect((await stack.mails(ref)).filter(to(PAT))).toHaveLength(0);
  });

  it("a host killed mid-lifecycle resumes without a second notice or delivery", async () => {
    const ref = aReference("crash");
    const id = await stack.submit(ref);
    await approveByBoth(ref);
    await stack.waitForMails(ref, 1, to(PAT));
    // Killed once the notice is on record (the step after it in the same batch): a kill between the SMTP server taking
    // a mail and its effect being recorded can still resend it (a mail and a database write are not one transaction).
    await stack.waitFor(id, (s) => s.status === "awaiting_notice_window", "notice recorded");
    await stack.crashHost();
    await stack.startHost();
    await stack.advance("P11D");
    expect((await stack.waitFor(id, (s) => s.status === "closed", "close")).outcome).toBe("disclosed_content");
    await poll("requester mail", async () => ((await stack.mails(ref)).some(to(REQUESTER)) ? true : undefined));
    expect((await stack.mails(ref)).filter(to(PAT))).toHaveLength(1);
    const timeline = (await stack.status(id)).timeline.map((t) => t.step);
    expect(timeline.filter((s) => s === "delivered")).toHaveLength(1);
  });
});
