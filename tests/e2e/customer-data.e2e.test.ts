import { createPublicKey, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LocalKeyring } from "../../shared/adapters/keys/local-keyring";
import type { WrappedKeyFile } from "../../shared/package/format";
import { aTenant, requesterKeys } from "../support/builders";
import { openWith } from "../unit/disclosure/disclosure-fakes";
import { AppStack, aReference, useAppStack } from "./app-stack";

const REVIEWERS = ["ana.reviewer@contoso.example", "ben.reviewer@contoso.example"];

let stack: AppStack;
useAppStack((started) => (stack = started));

/** Approves a demand as the review flow asks today (two distinct reviewers for content); kept apart because that flow is being reworked. */
async function approve(reference: string): Promise<void> {
  for (const reviewer of REVIEWERS) expect(await stack.decide(await stack.reviewLink(reference, reviewer), { action: "approve" })).toBe(200);
}

describe("a new customer and its data, end to end (admin API, the local data folder, the lifecycle)", () => {
  it("a tenant and account added through the admin API, files dropped into the folder, a demand filed, approved and delivered with exactly those items", async () => {
    const tag = randomUUID().slice(0, 8);
    const accountId = `acct-new#${tag}/mail`;
    const email = `holder-${tag}@mail.example`;
    const created = await stack.api("POST", "/api/manage/tenants", {
      ...aTenant({ id: `tenant-${tag}`, name: "Sam Newcomer" }),
      accounts: [{ accountId, service: "mail", holderEmail: email, identifiers: [{ type: "email", value: email }] }],
    });
    expect(created.status).toBe(201);

    // The documented local mechanism: files in <CUSTOMER_DATA_DIR>/<account, %-encoded>/<category>/<YYYY-MM-DD>/.
    const accountDir = path.join(stack.env.CUSTOMER_DATA_DIR!, encodeURIComponent(accountId).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
    const drop = async (category: string, day: string, name: string, text: string) => {
      await mkdir(path.join(accountDir, category, day), { recursive: true });
      await writeFile(path.join(accountDir, category, day, name), text);
    };
    const wanted = {
      "subscriber_info/2026-02-01/profile.json": `{"name":"Sam Newcomer","tag":"${tag}"}`,
      "content_mail/2026-03-15/hello.eml": `Subject: hello ${tag}\r\n\r\nHi.\r\n`,
    };
    for (const [item, text] of Object.entries(wanted)) {
      const [category = "", day = "", name = ""] = item.split("/");
      await drop(category, day, name, text);
    }
    await drop("content_mail", "2025-12-31", "too-early.eml", "outside the range");
    await drop("billing", "2026-03-01", "invoice.json", "a category not asked for");

    const reference = aReference("newcustomer");
    const id = await stack.submit(reference, { targets: [{ type: "email", value: email }], categories: ["subscriber_info", "content_mail"], dateRange: { from: "2026-01-01", to: "2026-06-30" } });
    await stack.waitFor(id, (s) => s.status === "in_review", "review");
    await approve(reference);
    await stack.waitForMails(reference, 1, (m) => m.to.some((t) => t.address === email));
    await stack.advance("P11D");
    const closed = await stack.waitFor(id, (s) => s.status === "closed", "close");
    expect(closed.outcome).toBe("disclosed_content");

    const released = await stack.api("GET", `/api/demands/${id}/package`);
    expect(released.status).toBe(200);
    const entries = (released.body as { packages: { downloadUrl: string; wrappedKey: WrappedKeyFile }[] }).packages;
    expect(entries).toHaveLength(1);
    const bytes = Buffer.from(await (await fetch(entries[0]!.downloadUrl)).arrayBuffer());
    const providerKey = createPublicKey(await new LocalKeyring({ directory: stack.env.LOCAL_KEYRING_DIR! }).getSigningPublicKeyPem());
    const opened = await openWith(bytes, requesterKeys.privateKey, providerKey, entries[0]!.wrappedKey);
    // The demand's only identifier: the package names it, not the account id (R6).
    const segment = "identifier-1";
    expect([...opened.items.keys()].sort()).toEqual(Object.keys(wanted).map((item) => `${segment}/${item}`).sort());
    for (const [item, text] of Object.entries(wanted)) expect(opened.items.get(`${segment}/${item}`)?.toString()).toBe(text);
  });
});
