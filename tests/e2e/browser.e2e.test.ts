import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { AppStack, aReference } from "./app-stack";

const SHOTS = path.join(tmpdir(), "lrw-screenshots");
const PAT = "pat@outlook.example";

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
  it("a reviewer opens the link from the caught mail; the page alone changes nothing; approving through it goes on", async () => {
    const ref = aReference("browser");
    const id = await stack.submit(ref, { categories: ["subscriber_info"] });
    const link = await stack.reviewLink(ref, "ana.reviewer@contoso.example");
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(new URL(link).origin)) foreign.push(r.url());
    });

    await page.goto(link);
    await page.goto(link);
    expect(await page.locator("h1").innerText()).toContain(ref);
    expect(await page.content()).not.toContain(PAT);
    await page.screenshot({ path: path.join(SHOTS, "review-page.png"), fullPage: true });
    const untouched = await stack.status(id);
    expect(untouched.status).toBe("in_review");
    expect(untouched.timeline.some((t) => t.step.startsWith("review decision"))).toBe(false);

    await page.locator('input[name="action"][value="approve"]').check();
    await page.locator("button[type=submit]").click();
    await page.waitForLoadState();
    expect(await page.locator("h1").innerText()).toBe("Decision recorded");
    await stack.waitFor(id, (s) => s.timeline.some((t) => t.step === "review decision: approve"), "decision");
    await stack.waitForMails(ref, 1, (m) => m.to.some((t) => t.address === PAT));

    await page.goto(link);
    expect(await page.locator("h1").innerText()).not.toContain(ref);
    expect(foreign).toEqual([]);
    await page.close();
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
});
