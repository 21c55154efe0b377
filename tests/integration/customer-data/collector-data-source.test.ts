import { createServer, type RequestListener } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CollectorDataSource } from "../../../shared/adapters/http/collector-data-source";
import { DemoDataSource } from "../../../shared/adapters/local/demo-data-source";
import { collectScope } from "../../../shared/collection/collect-scope";
import { checkCollector } from "../../../scripts/collector-conformance";
import { startReferenceCollector, type ReferenceCollector } from "../../../scripts/reference-collector";
import { expectedFor, listAll, readAll, sourceTestDataset } from "../../support/customer-data-fixture";

const dataset = sourceTestDataset();
const TOKEN = "test-collector-token";
let collector: ReferenceCollector;

beforeAll(async () => {
  collector = await startReferenceCollector({ source: new DemoDataSource(dataset), token: TOKEN, pageSize: 3 });
});
afterAll(async () => {
  await collector.close();
});
beforeEach(() => {
  for (const key of Object.keys(collector.faults)) delete collector.faults[key as keyof typeof collector.faults];
  collector.requests.length = 0;
});

const source = (overrides: Partial<ConstructorParameters<typeof CollectorDataSource>[0]> = {}) =>
  new CollectorDataSource({ baseUrl: collector.url, token: async () => TOKEN, pageSize: 2, requestTimeoutMs: 2000, ...overrides });

/** A bare HTTP server on a port of its own (another origin than the reference collector). */
function serve(handler: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((done) => server.close(() => done())) });
    }),
  );
}

describe("CollectorDataSource against the reference collector", () => {
  it("pages through an account's category and streams every item, for tricky account ids too", async () => {
    for (const accountId of ["acct-pat-0001", "a#b/c", "Ünï cødé 名前", "x/../y"]) {
      const query = { accountId, category: "content_mail" as const, from: "2025-01-01", to: "2026-12-31" };
      const items = await listAll(source(), query);
      expect(items.map((i) => i.path).sort()).toEqual(expectedFor(dataset, query));
      for (const item of items) {
        const original = dataset.find((d) => d.accountId === accountId && d.path === item.path)!;
        expect((await readAll(item.open())).equals(original.bytes)).toBe(true);
      }
    }
    expect(collector.requests.filter((r) => r.includes("pageToken=")).length).toBeGreaterThan(0);
  });

  it("waits out a slow stream that keeps sending", async () => {
    collector.faults.chunkDelayMs = 30;
    collector.faults.firstByteDelayMs = 200;
    const [item] = await listAll(source(), { accountId: "acct-pat-0001", category: "content_files", from: "2025-01-01", to: "2026-12-31" });
    const scope = { targets: [{ type: "email" as const, value: "p@x.test" }], categories: ["content_files" as const], dateRange: { from: "2025-01-01", to: "2026-12-31" } };
    let read = 0;
    for await (const collected of collectScope(source(), scope, new Map([["email:p@x.test", "acct-pat-0001"]]), new Map([["acct-pat-0001", "identifier-1"]]), { stallMs: 1000 })) read += (await readAll(collected.open())).length;
    expect(item).toBeDefined();
    expect(read).toBeGreaterThan(0);
  });

  it("fails with SOURCE_TIMEOUT when an item stops coming, and ITEM_CHANGED/SOURCE_UNAVAILABLE when it is cut mid-item", async () => {
    const scope = { targets: [{ type: "email" as const, value: "p@x.test" }], categories: ["content_files" as const], dateRange: { from: "2025-01-01", to: "2026-12-31" } };
    const accounts = new Map([["email:p@x.test", "acct-pat-0001"]]);
    const drain = async (stallMs: number) => {
      for await (const item of collectScope(source(), scope, accounts, new Map([["acct-pat-0001", "identifier-1"]]), { stallMs })) await readAll(item.open());
    };
    collector.faults.firstByteDelayMs = 1500;
    await expect(drain(300)).rejects.toMatchObject({ code: "SOURCE_TIMEOUT" });
    delete collector.faults.firstByteDelayMs;
    collector.faults.cutAfterBytes = 40;
    await expect(drain(5000)).rejects.toMatchObject({ code: expect.stringMatching(/^(ITEM_CHANGED|SOURCE_UNAVAILABLE)$/) });
  });

  it("retries a 503 with Retry-After, then gives up with SOURCE_UNAVAILABLE", async () => {
    const query = { accountId: "acct-pat-0001", category: "billing" as const, from: "2025-01-01", to: "2026-12-31" };
    collector.faults.failNext = { status: 503, count: 2 };
    expect((await listAll(source(), query)).length).toBe(expectedFor(dataset, query).length);
    collector.faults.failNext = { status: 503, count: 10 };
    await expect(listAll(source(), query)).rejects.toMatchObject({ code: "SOURCE_UNAVAILABLE" });
  });

  it("R6: does not follow a redirect to another host: the account and scope are not sent there, and nothing it serves is collected", async () => {
    const reached: string[] = [];
    const elsewhere = await serve((req, res) => {
      reached.push(req.url ?? "");
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ items: [{ id: "1", name: "planted.eml", date: "2026-01-02", size: 1, source: "x", customerHeld: false }] }));
    });
    const redirecting = await serve((req, res) => {
      res.statusCode = 307;
      res.setHeader("location", new URL(req.url ?? "/", elsewhere.url.replace("127.0.0.1", "localhost")).toString());
      res.end();
    });
    try {
      const query = { accountId: "acct-pat-0001", category: "content_mail" as const, from: "2026-01-01", to: "2026-01-31" };
      await expect(listAll(source({ baseUrl: redirecting.url }), query)).rejects.toMatchObject({ code: "SOURCE_PROTOCOL" });
      expect(reached).toEqual([]);
    } finally {
      await redirecting.close();
      await elsewhere.close();
    }
  });

  it("fails with SOURCE_PROTOCOL when the page tokens go round in a circle, instead of listing for ever", async () => {
    let pages = 0;
    const circling = await serve((req, res) => {
      pages += 1;
      const token = new URL(req.url ?? "/", "http://x").searchParams.get("pageToken");
      res.setHeader("content-type", "application/json");
      // Endless in effect: A, B, A, B, ... (this stand-in gives up after 40 pages so the old behaviour ends).
      res.end(JSON.stringify(pages > 40 ? { items: [] } : { items: [], nextPageToken: token === "A" ? "B" : "A" }));
    });
    try {
      await expect(listAll(source({ baseUrl: circling.url }), { accountId: "acct-pat-0001", category: "billing", from: "2025-01-01", to: "2026-12-31" })).rejects.toMatchObject({ code: "SOURCE_PROTOCOL" });
      expect(pages).toBe(3);
    } finally {
      await circling.close();
    }
  });

  it("backs off between retries of a 503 that names no Retry-After, instead of asking again at once", async () => {
    const times: number[] = [];
    const busy = await serve((_req, res) => {
      times.push(Date.now());
      res.statusCode = times.length <= 2 ? 503 : 200;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ items: [] }));
    });
    try {
      await expect(listAll(source({ baseUrl: busy.url }), { accountId: "acct-pat-0001", category: "billing", from: "2025-01-01", to: "2026-12-31" })).resolves.toEqual([]);
      expect(times).toHaveLength(3);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(200);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(400);
    } finally {
      await busy.close();
    }
  });

  it("fails with SOURCE_PROTOCOL on a page far larger than the items asked for, or holding more items than asked, instead of reading it all into memory", async () => {
    const item = (i: number) => ({ id: `id-${i}`, name: `n-${i}.eml`, date: "2026-01-02", size: 1, source: "s", customerHeld: false });
    let answer: (res: import("node:http").ServerResponse) => void = () => undefined;
    const odd = await serve((_req, res) => {
      res.setHeader("content-type", "application/json");
      answer(res);
    });
    const query = { accountId: "acct-pat-0001", category: "billing" as const, from: "2026-01-01", to: "2026-01-31" };
    try {
      // A page padded to 8 MiB (an endless one would be cut at the same point; it would otherwise grow until the timeout).
      answer = (res) => {
        res.write("{\"items\":[]");
        const padding = Buffer.alloc(1024 * 1024, " ");
        for (let i = 0; i < 8; i += 1) res.write(padding);
        res.end("}");
      };
      await expect(listAll(source({ baseUrl: odd.url }), query)).rejects.toMatchObject({ code: "SOURCE_PROTOCOL" });
      answer = (res) => res.end(JSON.stringify({ items: [item(1), item(2), item(3), item(4), item(5)] }));
      await expect(listAll(source({ baseUrl: odd.url }), query)).rejects.toMatchObject({ code: "SOURCE_PROTOCOL" });
    } finally {
      await odd.close();
    }
  });

  it("answers SOURCE_REFUSED for a wrong token, never \"no data\"", async () => {
    await expect(listAll(source({ token: async () => "wrong" }), { accountId: "acct-pat-0001", category: "billing", from: "2025-01-01", to: "2026-12-31" })).rejects.toMatchObject({ code: "SOURCE_REFUSED" });
  });

  it("the reference collector passes the conformance check", async () => {
    const results = await checkCollector({ baseUrl: collector.url, account: "acct-pat-0001", category: "content_mail", from: "2025-01-01", to: "2026-12-31", token: TOKEN });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(8);
  });

  it("the conformance check catches a collector that lists outside the range", async () => {
    const leaky = await startReferenceCollector({ source: { listItems: (q) => new DemoDataSource(dataset).listItems({ ...q, from: "2000-01-01", to: "2099-12-31" }) }, token: TOKEN });
    try {
      const results = await checkCollector({ baseUrl: leaky.url, account: "acct-pat-0001", category: "content_mail", from: "2025-06-01", to: "2025-12-31", token: TOKEN });
      expect(results.find((r) => r.name.startsWith("lists only items dated within"))?.ok).toBe(false);
    } finally {
      await leaky.close();
    }
  });
});
