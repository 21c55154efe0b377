import { createHash } from "node:crypto";

/**
 * Ids kept as they are: what the app generates (UUIDs, "dmd-<hex>", "email:alice@contoso.example", "cell:…").
 * Anything else (Cosmos DB refuses / \ # ? in ids and limits their length; spaces, % and non-ASCII behave
 * differently across SDKs and gateways) is stored under a hash. No kept id starts with "~", so no hashed
 * id can equal a kept one.
 */
const KEPT_AS_IS = /^[A-Za-z0-9][A-Za-z0-9._:@+=-]{0,199}$/;

/** The Cosmos DB item id for a natural key: the key itself when safe, otherwise "~" + base64url(SHA-256(key)). */
export function cosmosIdOf(naturalKey: string): string {
  if (KEPT_AS_IS.test(naturalKey)) return naturalKey;
  return `~${createHash("sha256").update(naturalKey, "utf8").digest("base64url")}`;
}

/** The field that keeps an item's natural id when its Cosmos DB id is a hash of it. */
export const NATURAL_ID_FIELD = "naturalId";

/** An item as stored: the record with its id made safe, and the natural id kept beside it when they differ. */
export function toCosmosItem<T extends { id: string }>(record: T): T & { naturalId?: string } {
  const id = cosmosIdOf(record.id);
  return id === record.id ? record : { ...record, id, [NATURAL_ID_FIELD]: record.id };
}

/** The record an item holds: Cosmos DB's own properties (_rid, _etag, …) removed and the natural id restored. */
export function fromCosmosItem(item: Record<string, unknown>): Record<string, unknown> {
  const record = Object.fromEntries(Object.entries(item).filter(([key]) => !key.startsWith("_") && key !== NATURAL_ID_FIELD));
  const natural = item[NATURAL_ID_FIELD];
  return typeof natural === "string" ? { ...record, id: natural } : record;
}
