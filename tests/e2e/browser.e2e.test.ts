import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPublicKey } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { LocalKeyring } from "../../shared/adapters/keys/local-keyring";
import type { WrappedKeyFile } from "../../shared/package/format";
import { requesterKeys } from "../support/builders";
import { openWith } from "../unit/disclosure/disclosure-fakes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { AppStack, aReference } from "./app-stack";

const SHOTS = path.join(tmpdir(), "lrw-screenshots");
const PAT = "pat@outlook.example";
const ANA = "ana.reviewer@contoso.example";
const BEN = "ben.reviewer@contoso.example";
const LEAD = "lead.counsel@contoso.example";

let stack: AppStack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await AppStack.start();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("in a browser", () => {
  /** Opens `url` in a fresh browser context; when sent to the local OpenID provider, signs in there as `email`. */
  async function openSignedIn(url: string, email: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(stack.staffPassword);
    await Promise.all([page.waitForURL((u) => u.href.startsWith(stack.url)), page.locator("button[type=submit]").click()]);
    await page.waitForLoadState();
    return { context, page };
  }

  async function submitDecision(page: Page, action: string): Promise<void> {
    await page.locator(`input[name="action"][value="${action}"]`).check();
    await Promise.all([page.waitForLoadState(), page.locator('button[name="intent"][value="decide"]').click()]);
    await page.waitForLoadState();
  }

  it("two reviewers sign in and approve a content demand, seeing the document, the identifiers and the preview; the same person cannot approve twice; the preview counts what is delivered", async () => {
    const ref = aReference("browser");
    const id = await stack.submit(ref);
    await stack.waitFor(id, (s) => s.status === "in_review", "review");
    const anaLink = await stack.reviewLink(ref, ANA);

    const ana = await openSignedIn(anaLink, ANA);
    expect(await ana.page.locator("h1").innerText()).toContain(ref);
    expect(await ana.page.locator("#reviewer").innerText()).toBe(ANA);
    expect(await ana.page.locator(".identifier").allInnerTexts()).toEqual([PAT]);
    const previewItems = Number(await ana.page.locator("#preview-total-items").innerText());
    expect(previewItems).toBeGreaterThan(0);
    const documentHref = await ana.page.locator('a[href*="/documents/legal-process"]').getAttribute("href");
    const document = await ana.context.request.get(new URL(documentHref!, stack.url).href);
    expect(document.status()).toBe(200);
    expect(document.headers()["content-type"]).toBe("application/pdf");
    expect(document.headers()["content-disposition"]).toMatch(/^inline/);
    expect((await document.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await ana.page.screenshot({ path: path.join(SHOTS, "review-page.png"), fullPage: true });
    expect((await stack.status(id)).timeline.some((t) => t.step.startsWith("review decision"))).toBe(false);

    await submitDecision(ana.page, "approve");
    expect(await ana.page.locator("h1").innerText()).toBe("Decision recorded");
    await stack.waitFor(id, (s) => s.timeline.some((t) => t.step === "review decision: approve"), "first decision");

    // The same person again, from the same mailed link: refused, nothing shown.
    const again = await ana.page.goto(anaLink);
    expect(again?.status()).toBe(409);
    expect(await ana.page.content()).not.toContain(PAT);

    const ben = await openSignedIn(await stack.reviewLink(ref, BEN), BEN);
    await submitDecision(ben.page, "approve");
    expect(await ben.page.locator("h1").innerText()).toBe("Decision recorded");
    await stack.waitForMails(ref, 1, (m) => m.to.some((t) => t.address === PAT));
    const decided = await stack.status(id);
    expect(decided.timeline.filter((t) => t.step === "review decision: approve")).toHaveLength(2);

    await stack.advance("P11D");
    const closed = await stack.waitFor(id, (s) => s.status === "closed", "close");
    expect(closed.outcome).toBe("disclosed_content");
    const released = await stack.api("GET", `/api/demands/${id}/package`);
    const packages = (released.body as { packages: { downloadUrl: string; wrappedKey: WrappedKeyFile }[] }).packages;
    const providerKey = createPublicKey(await new LocalKeyring({ directory: stack.env.LOCAL_KEYRING_DIR! }).getSigningPublicKeyPem());
    let delivered = 0;
    for (const entry of packages) {
      const bytes = Buffer.from(await (await fetch(entry.downloadUrl)).arrayBuffer());
      delivered += (await openWith(bytes, requesterKeys.privateKey, providerKey, entry.wrappedKey)).manifest.items.length;
    }
    expect(delivered).toBe(previewItems);
    await ana.context.close();
    await ben.context.close();
  });

  it("an unsigned click changes nothing, and neither an unsigned visitor nor a reviewer of another round sees the evidence", async () => {
    const ref = aReference("unsigned");
    const id = await stack.submit(ref, { categories: ["subscriber_info"] });
    await stack.waitFor(id, (s) => s.status === "in_review", "review");
    const link = await stack.reviewLink(ref, ANA);

    // Signed in, the page loads; the session is then lost before the click.
    const ana = await openSignedIn(link, ANA);
    const pageUrl = ana.page.url();
    const documentUrl = new URL((await ana.page.locator('a[href*="/documents/legal-process"]').getAttribute("href"))!, stack.url).href;
    await ana.context.clearCookies();
    await ana.page.locator('input[name="action"][value="approve"]').check();
    const [response] = await Promise.all([ana.page.waitForResponse((r) => r.request().method() === "POST"), ana.page.locator('button[name="intent"][value="decide"]').click()]);
    expect(response.status()).toBe(401);
    expect((await stack.status(id)).timeline.some((t) => t.step.startsWith("review decision"))).toBe(false);

    // An unsigned visitor is sent to sign in: no identifier, no document, no preview.
    const visitor = await browser.newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(pageUrl);
    expect(visitorPage.url().startsWith(stack.url)).toBe(false);
    expect(await visitorPage.content()).not.toContain(PAT);
    const unsignedDocument = await visitor.request.get(documentUrl, { maxRedirects: 0 });
    expect(unsignedDocument.status()).toBe(303);
    expect(unsignedDocument.headers()["content-type"] ?? "").not.toContain("pdf");

    // The escalation reviewer is staff, but this round has not been escalated: nothing of the evidence.
    const lead = await openSignedIn(pageUrl, LEAD);
    expect(await lead.page.locator("h1").innerText()).toBe("This round does not ask you");
    const content = await lead.page.content();
    expect(content).not.toContain(PAT);
    expect(content).not.toContain("preview-table");
    expect(content).not.toContain("/documents/");
    const leadDocument = await lead.context.request.get(documentUrl);
    expect(leadDocument.status()).toBe(403);
    expect(leadDocument.headers()["content-type"]).not.toContain("pdf");
    expect((await stack.status(id)).timeline.some((t) => t.step.startsWith("review decision"))).toBe(false);
    await Promise.all([ana.context.close(), visitor.close(), lead.context.close()]);
  });

  it("R8: a session cookie kept from before sign-out (copied to another browser) opens no evidence and decides nothing", async () => {
    const ref = aReference("signed-out");
    const id = await stack.submit(ref, { categories: ["subscriber_info"] });
    await stack.waitFor(id, (s) => s.status === "in_review", "review");
    const ana = await openSignedIn(await stack.reviewLink(ref, ANA), ANA);
    const pageUrl = ana.page.url();
    // Only the app's session cookie: the local provider's own cookies share the host (cookies ignore the port).
    const kept = (await ana.context.cookies()).filter((c) => c.name === "lrw_staff");
    expect(kept).toHaveLength(1);
    const csrf = await ana.page.locator('input[name="csrf"]').first().inputValue();
    const signOut = await ana.context.request.post(`${stack.url}/api/staff/logout`, { form: { csrf }, headers: { origin: stack.url }, maxRedirects: 0 });
    expect(signOut.status()).toBe(303);

    // Another browser holding the cookie as it was: sent to sign in, and a decision posted with it is refused.
    const copy = await browser.newContext();
    await copy.addCookies(kept);
    const page = await copy.newPage();
    await page.goto(pageUrl);
    expect(page.url().startsWith(stack.url)).toBe(false);
    expect(await page.content()).not.toContain(PAT);
    const decision = await copy.request.post(pageUrl, { form: { csrf, action: "approve", intent: "decide" }, headers: { origin: stack.url }, maxRedirects: 0 });
    expect(decision.status()).toBe(401);
    expect((await stack.status(id)).timeline.some((t) => t.step.startsWith("review decision"))).toBe(false);
    await Promise.all([ana.context.close(), copy.close()]);
  });

  it("the transparency report renders its charts with nothing fetched from elsewhere", async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const response = await page.goto(`${stack.url}/api/reports/transparency?period=2026-H1&format=html`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("svg").count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator("script").count()).toBe(0);
    expect(requests.every((u) => u.startsWith(stack.url))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "transparency-report.png"), fullPage: true });
    await page.close();
  });

  it("the API reference renders from the app's own renderer under its CSP (scripts only from the app)", async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on("pageerror", (e) => failed.push(e.message));
    const response = await page.goto(`${stack.url}/api/docs`);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    // The heading of the operation (the sidebar's entry of the same name is hidden until its group opens).
    await page.getByRole("heading", { name: /Submit a demand with its legal process/ }).first().waitFor({ timeout: 25_000 });
    expect(failed).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "api-reference.png"), fullPage: false });
    await page.close();
  });
});
