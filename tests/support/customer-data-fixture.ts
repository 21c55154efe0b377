import type { Readable } from "node:stream";
import type { DemoItem } from "../../shared/adapters/local/demo-data/demo-dataset";
import { generateDemoDataset } from "../../shared/adapters/local/demo-data/demo-dataset";
import type { CustomerDataItem, CustomerDataQuery, CustomerDataSource } from "../../shared/ports/customer-data-source";

/** Account ids that stress the layout: "#", "/", "%", unicode, a leading dot, case variants and a shared prefix. */
export const TRICKY_ACCOUNTS = ["a#b/c", "Ünï cødé 名前", "acct-pat-000", "ACCT-PAT-0001", ".hidden", "%41", "x/../y"];

/** The demo data set plus the tricky accounts' data (same generator). */
export function sourceTestDataset(): DemoItem[] {
  return generateDemoDataset([
    ...generateDemoProfiles(),
    ...TRICKY_ACCOUNTS.map((accountId) => ({ accountId, holderName: "Tricky", email: "tricky@example.test", country: "US" })),
  ]);
}

function generateDemoProfiles() {
  return [
    { accountId: "acct-pat-0001", holderName: "Pat Doe", email: "pat@outlook.example", country: "US" },
    { accountId: "acct-lee-0001", holderName: "Lee Byrne", email: "lee@outlook.example", country: "IE", customerHeldContent: true },
  ];
}

/** What a source must list for a query over a data set: the items of that account and category dated in range. */
export function expectedFor(items: readonly DemoItem[], query: CustomerDataQuery): string[] {
  return items
    .filter((item) => item.accountId === query.accountId && item.category === query.category && item.date >= query.from && item.date <= query.to)
    .map((item) => item.path)
    .sort();
}

/** Lists a query fully (metadata only). */
export async function listAll(source: CustomerDataSource, query: CustomerDataQuery): Promise<CustomerDataItem[]> {
  const out: CustomerDataItem[] = [];
  for await (const item of source.listItems(query)) out.push(item);
  return out;
}

/** Reads one item's bytes. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
