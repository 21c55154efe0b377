import { Readable } from "node:stream";
import type { CustomerDataItem, CustomerDataQuery, CustomerDataSource } from "../../ports/customer-data-source";
import { generateDemoDataset, type DemoItem } from "./demo-data/demo-dataset";

/**
 * The local CustomerDataSource: the generated demo data set held in memory (no Cosmos or Blob copy is needed
 * for a few dozen small items, and it is the same on every start).
 */
export class DemoDataSource implements CustomerDataSource {
  private readonly items: readonly DemoItem[];

  constructor(items: readonly DemoItem[] = generateDemoDataset()) {
    this.items = [...items].sort((a, b) => a.date.localeCompare(b.date) || a.path.localeCompare(b.path));
  }

  async *listItems(query: CustomerDataQuery): AsyncIterable<CustomerDataItem> {
    for (const item of this.items) {
      if (item.accountId !== query.accountId || item.category !== query.category || item.date < query.from || item.date > query.to) continue;
      yield {
        accountId: item.accountId,
        path: item.path,
        category: item.category,
        source: item.source,
        date: item.date,
        size: item.bytes.length,
        customerHeld: item.customerHeld,
        open: () => Readable.from([item.bytes]),
      };
    }
  }
}
