import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { FolderDataSource } from "../shared/adapters/local/folder-data-source";
import type { CollectorItem, CollectorPage } from "../shared/adapters/http/collector-contract";
import { isIsoDay } from "../shared/collection/data-layout";
import { DataCategory } from "../shared/domain/enums";
import type { CustomerDataItem, CustomerDataSource } from "../shared/ports/customer-data-source";

/** Faults a test can make the reference collector show. */
export interface CollectorFaults {
  /** Wait before each item's first byte. */
  firstByteDelayMs?: number;
  /** Wait between chunks of an item (a slow stream). */
  chunkDelayMs?: number;
  /** Cut the connection after this many bytes of an item (a failure mid-item). */
  cutAfterBytes?: number;
  /** Answer this status to the next N requests (e.g. 503 twice). */
  failNext?: { status: number; count: number };
}

/** A running reference collector. */
export interface ReferenceCollector {
  url: string;
  faults: CollectorFaults;
  /** Requests seen, by path, for tests that look at paging. */
  requests: string[];
  close(): Promise<void>;
}

const CHUNK = 16 * 1024;

/**
 * The reference implementation of docs/collector-openapi.yaml over any CustomerDataSource (the folder layout
 * from the command line): what a provider's collector must do, small enough to read. Item ids are the item's
 * day and name; page tokens are offsets. Not for production: it lists a query in full to page it.
 */
export async function startReferenceCollector(options: { source: CustomerDataSource; token?: string; port?: number; pageSize?: number }): Promise<ReferenceCollector> {
  const faults: CollectorFaults = {};
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? "");
    handle(request, response).catch(() => {
      if (!response.headersSent) problem(response, 500, "internal", "The collector failed.");
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://collector");
    if (options.token !== undefined && request.headers.authorization !== `Bearer ${options.token}`) return problem(response, 401, "unauthenticated", "A valid bearer token is required.");
    if (faults.failNext !== undefined && faults.failNext.count > 0) {
      faults.failNext.count -= 1;
      response.setHeader("retry-after", "0");
      return problem(response, faults.failNext.status, "unavailable", "Try again.");
    }
    if (request.method !== "GET") return problem(response, 405, "method-not-allowed", "Only GET.");
    const account = url.searchParams.get("account") ?? "";
    const category = DataCategory.safeParse(url.searchParams.get("category"));
    if (account === "" || !category.success) return problem(response, 400, "bad-request", "account and a known category are required.");
    if (url.pathname === "/v1/items") {
      const from = url.searchParams.get("from") ?? "";
      const to = url.searchParams.get("to") ?? "";
      if (!isIsoDay(from) || !isIsoDay(to) || to < from) return problem(response, 400, "bad-request", "from and to must be days (YYYY-MM-DD), from <= to.");
      const pageSize = Math.min(Number(url.searchParams.get("pageSize") ?? options.pageSize ?? 100) || 100, options.pageSize ?? 1000);
      const offset = Number(url.searchParams.get("pageToken") ?? "0");
      if (!Number.isInteger(offset) || offset < 0) return problem(response, 400, "bad-request", "pageToken is not one this collector issued.");
      const all = await list(options.source, account, category.data, from, to);
      const items = all.slice(offset, offset + pageSize).map(toContract);
      const page: CollectorPage = { items, ...(offset + pageSize < all.length ? { nextPageToken: String(offset + pageSize) } : {}) };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(page));
      return;
    }
    if (url.pathname === "/v1/items/content") {
      const id = parseId(url.searchParams.get("id") ?? "");
      if (id === undefined) return problem(response, 404, "not-found", "No such item.");
      const found = (await list(options.source, account, category.data, id.date, id.date)).find((item) => item.path === `${category.data}/${id.date}/${id.name}`);
      if (found === undefined) return problem(response, 404, "not-found", "No such item.");
      await stream(found, response);
      return;
    }
    problem(response, 404, "not-found", "Unknown path.");
  }

  async function stream(item: CustomerDataItem, response: ServerResponse): Promise<void> {
    if (faults.firstByteDelayMs !== undefined) await pause(faults.firstByteDelayMs);
    response.writeHead(200, { "content-type": "application/octet-stream", ...(item.size === undefined ? {} : { "content-length": String(item.size) }) });
    let sent = 0;
    for await (const chunk of item.open()) {
      for (let at = 0; at < (chunk as Buffer).length; at += CHUNK) {
        const part = (chunk as Buffer).subarray(at, at + CHUNK);
        if (faults.cutAfterBytes !== undefined && sent + part.length > faults.cutAfterBytes) {
          response.write(part.subarray(0, faults.cutAfterBytes - sent));
          response.destroy();
          return;
        }
        if (!response.write(part)) await new Promise((resolve) => response.once("drain", resolve));
        sent += part.length;
        if (faults.chunkDelayMs !== undefined) await pause(faults.chunkDelayMs);
      }
    }
    response.end();
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    faults,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function list(source: CustomerDataSource, accountId: string, category: DataCategory, from: string, to: string): Promise<CustomerDataItem[]> {
  const items: CustomerDataItem[] = [];
  for await (const item of source.listItems({ accountId, category, from, to })) items.push(item);
  return items;
}

function toContract(item: CustomerDataItem): CollectorItem {
  const name = item.path.split("/").slice(2).join("/");
  return { id: Buffer.from(JSON.stringify([item.date, name])).toString("base64url"), name, date: item.date, size: item.size ?? 0, source: item.source, customerHeld: item.customerHeld === true };
}

function parseId(id: string): { date: string; name: string } | undefined {
  try {
    const [date, name] = JSON.parse(Buffer.from(id, "base64url").toString("utf8")) as unknown[];
    return typeof date === "string" && typeof name === "string" && isIsoDay(date) ? { date, name } : undefined;
  } catch {
    return undefined;
  }
}

function problem(response: ServerResponse, status: number, type: string, detail: string): void {
  response.writeHead(status, { "content-type": "application/problem+json" }).end(JSON.stringify({ type: `urn:lrw-collector:${type}`, title: type.replace(/-/g, " "), status, detail }));
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// node --import tsx scripts/reference-collector.ts <folder> [port] [token]: serves a folder in the data layout.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const [folder = ".local/customer-data", port = "7300", token] = process.argv.slice(2);
  void startReferenceCollector({ source: new FolderDataSource(folder), port: Number(port), ...(token === undefined ? {} : { token }) }).then((collector) => {
    console.log(`reference collector serving ${folder} at ${collector.url}${token === undefined ? " (no token required)" : ""}`);
  });
}
