import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DirectoryTeamsNotifier } from "../../../shared/adapters/teams/directory-teams-notifier";
import { TeamsPostError, WorkflowsWebhookNotifier } from "../../../shared/adapters/teams/workflows-webhook-notifier";
import { buildAdaptiveCard } from "../../../shared/review/adaptive-card";

const card = buildAdaptiveCard({
  title: "Review requested",
  facts: [["Demand", "SW-1"]],
  links: [{ title: "Review", url: "https://lrw.example/api/review/abc.def" }],
});

describe("WorkflowsWebhookNotifier against a local HTTP server", () => {
  const received: { method?: string; url?: string; contentType?: string; body: unknown }[] = [];
  let status = 202;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", () => {
        received.push({ method: request.method, url: request.url, contentType: request.headers["content-type"], body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
        response.writeHead(status).end(status >= 400 ? '{"error":"bad"}' : "");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it("posts the card as a Teams message with one Adaptive Card attachment", async () => {
    status = 202;
    await new WorkflowsWebhookNotifier(`${base}/workflows/abc/triggers/manual/paths/invoke?sig=SECRET`).postCard(card);
    expect(received.at(-1)).toEqual({
      method: "POST",
      url: "/workflows/abc/triggers/manual/paths/invoke?sig=SECRET",
      contentType: "application/json",
      body: { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }] },
    });
  });

  it("raises a TeamsPostError with the status, never the signed URL, on a non-2xx answer", async () => {
    status = 400;
    const post = new WorkflowsWebhookNotifier(`${base}/hook?sig=SECRET`).postCard(card);
    await expect(post).rejects.toBeInstanceOf(TeamsPostError);
    await expect(post).rejects.toMatchObject({ status: 400 });
    await expect(post).rejects.not.toThrow(/SECRET/);
  });
});

describe("DirectoryTeamsNotifier", () => {
  it("writes each card as a readable JSON file, in posting order", async () => {
    const directory = join(await mkdtemp(join(tmpdir(), "teams-")), "nested");
    let tick = 0;
    const notifier = new DirectoryTeamsNotifier(directory, () => new Date(Date.UTC(2026, 10, 21, 12, 0, tick++)));
    await notifier.postCard(card);
    await notifier.postCard(buildAdaptiveCard({ title: "Second", facts: [], links: [] }));
    const files = (await readdir(directory)).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^2026-11-21T12-00-00-000Z-[0-9a-f]{8}\.json$/);
    const first = JSON.parse(await readFile(join(directory, files[0]!), "utf8")) as { attachments: { content: unknown }[] };
    expect(first.attachments[0]?.content).toEqual(card);
    await rm(join(directory, ".."), { recursive: true, force: true });
  });
});
