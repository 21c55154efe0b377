import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
type PartitionValue = string | number | boolean;
/** What a query request may see: one partition, or nothing at all (a query-plan request), or (undefined) everything. */
type Scope = { partition: PartitionValue } | { plan: true };

interface ItemsLike {
  _data: Map<string, { read(): unknown }>;
  _getPartition(data: unknown): unknown;
  query(params: unknown, options: unknown): unknown;
}

/**
 * Makes the Cosmos stand-in answer a query sent with a partition key (the x-ms-documentdb-partitionkey header) from
 * that partition only, as Cosmos DB does. The stand-in evaluates every query over every item of the container, so the
 * audit checkpoint's read of one chain scanned the whole audit log (and answered items of other partitions, which
 * Azure never does). The SDK also sends each query first as a query-plan request, without the partition key; the
 * stand-in knows no plans and ran the whole query for it, so such a request now runs over no items (the SDK uses
 * nothing of that answer but its shape). `load` is the caller's require, so the patched module is its server's.
 */
export function scopeQueriesToPartitions(server: Server, load: NodeJS.Require): void {
  const scopeOfRequest = new AsyncLocalStorage<Scope | undefined>();
  const items = (load("@vercel/cosmosdb-server/lib/account/items") as { default: { prototype: ItemsLike } }).default.prototype;
  const query = items.query;
  items.query = function (this: ItemsLike, params, options) {
    const scope = scopeOfRequest.getStore();
    if (scope === undefined) return query.call(this, params, options);
    // query() is synchronous: the container shows only the partition's items (or none) for exactly this call.
    const all = this._data;
    this._data = "plan" in scope ? new Map() : new Map([...all].filter(([, item]) => this._getPartition(item.read()) === scope.partition));
    try {
      return query.call(this, params, options);
    } finally {
      this._data = all;
    }
  };
  // Every request runs with its scope in reach, across the handler's awaits.
  const listeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    scopeOfRequest.run(scopeOf(req), () => {
      for (const listener of listeners) listener.call(server, req, res);
    });
  });
}

/** A query-plan request, or the single partition key value a request names (a JSON array of one value), or undefined. */
function scopeOf(req: IncomingMessage): Scope | undefined {
  if (String(req.headers["x-ms-cosmos-is-query-plan-request"]).toLowerCase() === "true") return { plan: true };
  const header = req.headers["x-ms-documentdb-partitionkey"];
  if (typeof header !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(header);
    const value = Array.isArray(parsed) && parsed.length === 1 ? (parsed[0] as unknown) : undefined;
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? { partition: value } : undefined;
  } catch {
    // Not a key this module understands: the query runs over the whole container, as before.
    return undefined;
  }
}
