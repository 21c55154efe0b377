import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
type PartitionValue = string | number | boolean;

interface ItemsLike {
  _data: Map<string, { read(): unknown }>;
  _getPartition(data: unknown): unknown;
  query(params: unknown, options: unknown): unknown;
}

/**
 * Makes the Cosmos stand-in answer a query sent with a partition key (the x-ms-documentdb-partitionkey header) from
 * that partition only, as Cosmos DB does. The stand-in evaluates every query over every item of the container, so the
 * audit checkpoint's read of one chain scanned the whole audit log (and answered items of other partitions, which
 * Azure never does). `load` is the caller's require, so the patched module is the one its server uses.
 */
export function scopeQueriesToPartitions(server: Server, load: NodeJS.Require): void {
  const partitionOfRequest = new AsyncLocalStorage<PartitionValue | undefined>();
  const items = (load("@vercel/cosmosdb-server/lib/account/items") as { default: { prototype: ItemsLike } }).default.prototype;
  const query = items.query;
  items.query = function (this: ItemsLike, params, options) {
    const key = partitionOfRequest.getStore();
    if (key === undefined) return query.call(this, params, options);
    // query() is synchronous: the container shows only the partition's items for exactly this call.
    const all = this._data;
    this._data = new Map([...all].filter(([, item]) => this._getPartition(item.read()) === key));
    try {
      return query.call(this, params, options);
    } finally {
      this._data = all;
    }
  };
  // Every request runs with its partition key in reach, across the handler's awaits.
  const listeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    partitionOfRequest.run(partitionKeyOf(req), () => {
      for (const listener of listeners) listener.call(server, req, res);
    });
  });
}

/** The single partition key value a request names (a JSON array of one value), or undefined. */
function partitionKeyOf(req: IncomingMessage): PartitionValue | undefined {
  const header = req.headers["x-ms-documentdb-partitionkey"];
  if (typeof header !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(header);
    const value = Array.isArray(parsed) && parsed.length === 1 ? (parsed[0] as unknown) : undefined;
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : undefined;
  } catch {
    // Not a key this module understands: the query runs over the whole container, as before.
    return undefined;
  }
}
