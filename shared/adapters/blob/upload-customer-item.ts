import type { ContainerClient } from "@azure/storage-blob";
import { itemName, ITEM_METADATA } from "../../collection/data-layout";
import type { DataCategory } from "../../domain/enums";

/** One item to put into a customer data container. */
export interface CustomerItemUpload {
  accountId: string;
  category: DataCategory;
  /** The day in UTC the item belongs to (YYYY-MM-DD), docs/customer-data.md. */
  date: string;
  /** The item's name within its day (may contain "/"). */
  name: string;
  source: string;
  customerHeld?: boolean;
  bytes: Buffer;
}

/** Writes one item into the blob layout of docs/customer-data.md with its metadata (for exports, seeding and tests). */
export async function uploadCustomerItem(container: ContainerClient, item: CustomerItemUpload): Promise<string> {
  const name = itemName(item.accountId, item.category, item.date, item.name);
  await container.getBlockBlobClient(name).uploadData(item.bytes, {
    metadata: { [ITEM_METADATA.source]: item.source, [ITEM_METADATA.customerHeld]: item.customerHeld === true ? "true" : "false" },
  });
  return name;
}
