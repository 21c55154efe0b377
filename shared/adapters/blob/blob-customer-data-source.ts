import { PassThrough, type Readable } from "node:stream";
import type { BlobDownloadResponseParsed, ContainerClient } from "@azure/storage-blob";
import { CollectionError, codeForStatus } from "../../collection/collection-error";
import { categoryPrefix, DEFAULT_SOURCE, isIsoDay, ITEM_METADATA, itemPath } from "../../collection/data-layout";
import type { CustomerDataItem, CustomerDataQuery, CustomerDataSource } from "../../ports/customer-data-source";

/** Up to this many days with data in range are listed one by one; more, in one listing of the category. */
const PER_DAY_LISTING_LIMIT = 16;

/**
 * CUSTOMER_DATA_SOURCE=blob: the provider's data (or an export of it) in one container, in the layout of
 * docs/customer-data.md. A query lists the day prefixes of one account's category (stopping past the range), then
 * the blobs of the days in range with their metadata: never the container, never another account. Each
 * item is read at the version it was listed at (If-Match), so a blob replaced or deleted meanwhile fails the
 * disclosure (ITEM_CHANGED, ITEM_MISSING) instead of sealing something else.
 */
export class BlobCustomerDataSource implements CustomerDataSource {
  constructor(private readonly container: ContainerClient) {}

  async *listItems(query: CustomerDataQuery): AsyncIterable<CustomerDataItem> {
    const prefix = categoryPrefix(query.accountId, query.category);
    const days: string[] = [];
    try {
      for await (const entry of this.container.listBlobsByHierarchy("/", { prefix })) {
        if (entry.kind !== "prefix") continue;
        const day = entry.name.slice(prefix.length, -1);
        if (!isIsoDay(day) || day < query.from) continue;
        // Listing is in name order, and days sort as names: nothing later can be in range.
        if (day > query.to) break;
        days.push(day);
      }
      // Nothing for this account: "no data" only if the container holds any data at all. An empty one is an export that
      // never ran or a container named by mistake, and would close every demand as "no data".
      if (days.length === 0 && (await this.isEmpty())) throw new CollectionError("SOURCE_UNAVAILABLE", "the customer data container is empty");
      // Few days in range: list each day. Many: one flat listing from the category prefix (5,000 names a page)
      // costs fewer round trips than a listing per day; it names, never reads, the days before the range.
      const listings = days.length <= PER_DAY_LISTING_LIMIT ? days.map((day) => `${prefix}${day}/`) : [prefix];
      for (const listing of listings) {
        for await (const blob of this.container.listBlobsFlat({ prefix: listing, includeMetadata: true })) {
          const rest = blob.name.slice(prefix.length);
          const slash = rest.indexOf("/");
          const day = rest.slice(0, slash);
          if (slash < 0 || !isIsoDay(day) || day < query.from) continue;
          if (day > query.to) break;
          const metadata = lowerCaseNames(blob.metadata);
          // A Data Lake (hierarchical namespace) account lists each directory as an empty blob: a folder, not an item.
          if (metadata.hdi_isfolder?.toLowerCase() === "true") continue;
          const etag = blob.properties.etag;
          yield {
            accountId: query.accountId,
            path: itemPath(query.category, day, rest.slice(slash + 1)),
            category: query.category,
            source: metadata[ITEM_METADATA.source] ?? DEFAULT_SOURCE,
            date: day,
            size: blob.properties.contentLength ?? 0,
            customerHeld: customerHeldOf(metadata[ITEM_METADATA.customerHeld]),
            open: () => this.open(blob.name, etag),
          };
        }
      }
    } catch (error) {
      throw storageError(error, "list");
    }
  }

  /** True when the container holds no blob at all (one request for at most one name). */
  private async isEmpty(): Promise<boolean> {
    const first = await this.container.listBlobsFlat().byPage({ maxPageSize: 1 }).next();
    return first.done === true || first.value.segment.blobItems.length === 0;
  }

  /** Starts the download at once (so prefetching overlaps requests) and streams it with backpressure. */
  private open(name: string, etag: string | undefined): Readable {
    const out = new PassThrough();
    const blob = this.container.getBlobClient(name);
    const download: Promise<BlobDownloadResponseParsed> = blob
      .download(0, undefined, { ...(etag === undefined ? {} : { conditions: { ifMatch: etag } }), maxRetryRequests: 3 })
      .catch(async (error: unknown) => {
        // Storage answers a conditional read of a deleted blob with 412 too: tell a vanished item from a replaced one.
        if ((error as { statusCode?: unknown }).statusCode === 412 && !(await blob.exists().catch(() => true))) {
          throw new CollectionError("ITEM_MISSING", "a listed blob is gone");
        }
        throw error;
      });
    download.then(
      (response) => {
        const body = response.readableStreamBody as Readable | undefined;
        if (body === undefined) return void out.destroy(new CollectionError("SOURCE_PROTOCOL", "a blob download had no body"));
        if (out.destroyed) return void body.destroy();
        body.once("error", (error: unknown) => out.destroy(storageError(error, "read")));
        out.once("close", () => body.destroy());
        body.pipe(out);
      },
      (error: unknown) => out.destroy(storageError(error, "read")),
    );
    return out;
  }
}

/** Metadata keyed by lower-case names: Azure matches metadata names case-insensitively but lists them as they were written. */
function lowerCaseNames(metadata: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * The R7 flag: absent is false, otherwise "true" or "false" in any case. Anything else ("1", "yes") is refused: read as
 * false, the package would not say that the provider holds no plaintext of the item.
 */
function customerHeldOf(value: string | undefined): boolean {
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (lower !== "true" && lower !== "false") throw new CollectionError("SOURCE_PROTOCOL", `a blob's ${ITEM_METADATA.customerHeld} metadata is neither true nor false`);
  return lower === "true";
}

/**
 * A storage failure as a collection code, named by status only: reading, 404 is an item that vanished and 412 one
 * replaced; listing, 404 is a container that is not there (a setup fault, never "no data").
 */
function storageError(error: unknown, phase: "list" | "read"): CollectionError {
  if (error instanceof CollectionError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (phase === "list" && status === 404) return new CollectionError("SOURCE_UNAVAILABLE", "the customer data container does not exist");
  if (typeof status === "number") {
    const code = codeForStatus(status) ?? "SOURCE_PROTOCOL";
    return new CollectionError(code, `the customer data container answered ${status}`);
  }
  const name = error instanceof Error ? error.name : typeof error;
  if (name === "AbortError") return new CollectionError("SOURCE_TIMEOUT", "a customer data request was aborted");
  const code = (error as { code?: unknown }).code;
  return new CollectionError("SOURCE_UNAVAILABLE", `the customer data container could not be read (${name}${typeof code === "string" ? ` ${code}` : ""})`);
}
