import { PassThrough, Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { TokenCredential } from "@azure/identity";
import { CollectionError, codeForStatus } from "../../collection/collection-error";
import { itemPath } from "../../collection/data-layout";
import type { CustomerDataItem, CustomerDataQuery, CustomerDataSource } from "../../ports/customer-data-source";
import { COLLECTOR_API, CollectorPage } from "./collector-contract";

/** How the app reaches the provider's collector. */
export interface CollectorOptions {
  /** The collector's base URL; the contract's paths are resolved under it. */
  baseUrl: string;
  /** A bearer token for each request (the managed identity's, for the configured audience). */
  token: () => Promise<string>;
  pageSize?: number;
  /** Longest wait for a response's headers (and, for a page, its whole body). */
  requestTimeoutMs?: number;
  /** Attempts after the first for a page or an item's start, on 429, 502, 503, 504 or a dropped connection. */
  retries?: number;
}

const RETRIABLE = new Set([429, 502, 503, 504]);

/** Room for one item of a page at the contract's longest fields, even fully \u-escaped (1024 + 900 + 200 characters, 6 bytes each). */
const MAX_ITEM_JSON_BYTES = 16 * 1024;

/** A token source for the collector: the credential's bearer token for `<audience>/.default`. */
export function collectorToken(credential: TokenCredential, audience: string): () => Promise<string> {
  const scope = audience.endsWith("/.default") ? audience : `${audience.replace(/\/+$/, "")}/.default`;
  return async () => {
    const token = await credential.getToken(scope).catch(() => null);
    if (token === null) throw new CollectionError("SOURCE_REFUSED", "no token could be obtained for the collector's audience");
    return token.token;
  };
}

/**
 * CUSTOMER_DATA_SOURCE=collector: the provider's own service answers for the approved scope over the contract of
 * docs/collector-openapi.yaml (pages of items for one account, category and range; one item's bytes at a time),
 * authenticated with a bearer token. Every failure is a CollectionError, so a disclosure fails whole.
 */
export class CollectorDataSource implements CustomerDataSource {
  private readonly base: URL;
  private readonly pageSize: number;
  private readonly requestTimeoutMs: number;
  private readonly retries: number;

  constructor(private readonly options: CollectorOptions) {
    this.base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
    this.pageSize = options.pageSize ?? 500;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.retries = options.retries ?? 2;
  }

  async *listItems(query: CustomerDataQuery): AsyncIterable<CustomerDataItem> {
    let pageToken: string | undefined;
    const seen = new Set<string>();
    // Every token ever answered: one coming back means the pages go round in a circle and the listing would never end.
    const tokens = new Set<string>();
    do {
      const url = this.url("items", { account: query.accountId, category: query.category, from: query.from, to: query.to, pageSize: String(this.pageSize), ...(pageToken === undefined ? {} : { pageToken }) });
      const page = await this.fetchPage(url);
      for (const item of page.items) {
        if (seen.has(item.id)) throw new CollectionError("SOURCE_PROTOCOL", "the collector listed an item twice");
        seen.add(item.id);
        yield {
          accountId: query.accountId,
          path: itemPath(query.category, item.date, item.name),
          category: query.category,
          source: item.source,
          date: item.date,
          size: item.size,
          customerHeld: item.customerHeld,
          open: () => this.open(this.url("items/content", { account: query.accountId, category: query.category, id: item.id })),
        };
      }
      if (page.nextPageToken !== undefined && tokens.has(page.nextPageToken)) throw new CollectionError("SOURCE_PROTOCOL", "the collector returned a page token it had returned before");
      pageToken = page.nextPageToken;
      if (pageToken !== undefined) tokens.add(pageToken);
    } while (pageToken !== undefined);
  }

  private url(path: string, params: Record<string, string>): URL {
    const url = new URL(`${COLLECTOR_API}/${path}`, this.base);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url;
  }

  private async fetchPage(url: URL): Promise<CollectorPage> {
    const signal = AbortSignal.timeout(this.requestTimeoutMs);
    const response = await this.request(url, "application/json", signal);
    let body: unknown;
    try {
      body = JSON.parse(await readAtMost(response, this.pageSize * MAX_ITEM_JSON_BYTES + MAX_ITEM_JSON_BYTES));
    } catch (error) {
      if (error instanceof CollectionError) throw error;
      throw signal.aborted ? new CollectionError("SOURCE_TIMEOUT", "a page of the collector did not arrive in time") : new CollectionError("SOURCE_PROTOCOL", `a page of the collector is not JSON (${error instanceof Error ? error.name : "error"})`);
    }
    const parsed = CollectorPage.safeParse(body);
    if (!parsed.success) throw new CollectionError("SOURCE_PROTOCOL", `a page of the collector does not match the contract (${parsed.error.issues.map((i) => i.path.join(".") || "(body)").join(", ")})`);
    if (parsed.data.items.length > this.pageSize) throw new CollectionError("SOURCE_PROTOCOL", `a page of the collector holds ${parsed.data.items.length} items, more than the ${this.pageSize} asked for`);
    return parsed.data;
  }

  /** Requests the item at once (prefetching overlaps requests); the stream is cut when its reader goes away. */
  private open(url: URL): Readable {
    const out = new PassThrough();
    const controller = new AbortController();
    out.once("close", () => controller.abort());
    // Only the wait for the headers is limited here: a long item may stream for long; stalls are caught by collection.
    const headersTimer = setTimeout(() => controller.abort(new CollectionError("SOURCE_TIMEOUT", "the collector did not start sending an item in time")), this.requestTimeoutMs);
    this.request(url, "application/octet-stream", controller.signal).then(
      (response) => {
        clearTimeout(headersTimer);
        if (response.body === null) return void out.destroy(new CollectionError("SOURCE_PROTOCOL", "an item of the collector had no body"));
        const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
        if (out.destroyed) return void body.destroy();
        body.once("error", (error: unknown) => out.destroy(networkError(error)));
        out.once("close", () => body.destroy());
        body.pipe(out);
      },
      (error: unknown) => {
        clearTimeout(headersTimer);
        out.destroy(networkError(error));
      },
    );
    return out;
  }

  /** One request with retries for transient answers; resolves on a 2xx, throws a CollectionError otherwise. */
  private async request(url: URL, accept: string, signal: AbortSignal): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      let response: Response;
      try {
        // Never follow a redirect: it would send the account and scope to a host nobody configured, and read "data" from it.
        response = await fetch(url, { headers: { authorization: `Bearer ${await this.options.token()}`, accept }, signal, redirect: "manual" });
      } catch (error) {
        if (error instanceof CollectionError) throw error;
        if (attempt < this.retries && !signal.aborted) {
          await pause(backoff(attempt));
          continue;
        }
        throw signal.reason instanceof CollectionError ? signal.reason : networkError(error, signal.aborted);
      }
      if (response.ok) return response;
      await response.body?.cancel().catch(() => undefined);
      if (RETRIABLE.has(response.status) && attempt < this.retries) {
        await pause(retryAfter(response) ?? backoff(attempt));
        continue;
      }
      throw new CollectionError(codeForStatus(response.status) ?? "SOURCE_PROTOCOL", `the collector answered ${response.status}`);
    }
  }
}

/** The body as text, or SOURCE_PROTOCOL once it passes `limit` bytes: a page is never read whole into memory past what it may hold. */
async function readAtMost(response: Response, limit: number): Promise<string> {
  if (response.body === null) return "";
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    length += chunk.length;
    // Leaving the loop cancels the body, so the rest is never read.
    if (length > limit) throw new CollectionError("SOURCE_PROTOCOL", `a page of the collector is longer than the ${limit} bytes its items may take`);
    chunks.push(Buffer.from(chunk));
  }
  // As response.json() decodes: UTF-8, a leading byte order mark dropped.
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function networkError(error: unknown, timedOut = false): CollectionError {
  if (error instanceof CollectionError) return error;
  const name = error instanceof Error ? error.name : typeof error;
  if (timedOut || name === "TimeoutError") return new CollectionError("SOURCE_TIMEOUT", "the collector did not answer in time");
  return new CollectionError("SOURCE_UNAVAILABLE", `the collector could not be reached or cut the connection (${name})`);
}

function backoff(attempt: number): number {
  return 250 * 2 ** attempt;
}

/** A Retry-After in seconds, capped so a misbehaving collector cannot park a disclosure. */
function retryAfter(response: Response): number | undefined {
  const header = response.headers.get("retry-after");
  // Number(null) is 0: without the header, an immediate retry would replace the backoff.
  const seconds = header === null || header.trim() === "" ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 10) * 1000 : undefined;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
