import type { Container } from "@azure/cosmos";
import { toCosmosItem } from "./cosmos-id";
import { hasStatus } from "./strip-system-properties";

/** Replaces a record's item only if it is still at `etag` (If-Match): its new etag, or null when someone else changed it first. */
export async function replaceIfMatch<T extends { id: string }>(container: Container, record: T, etag: string): Promise<string | null> {
  const item = toCosmosItem(record);
  try {
    const replaced = await container.item(item.id, item.id).replace(item, { accessCondition: { type: "IfMatch", condition: etag } });
    return replaced.etag;
  } catch (error) {
    if (hasStatus(error, 412)) return null;
    throw error;
  }
}
