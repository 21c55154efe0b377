import { Readable } from "node:stream";
import type { CustomerDataItem, CustomerDataQuery, CustomerDataSource } from "../../ports/customer-data-source";
import { generateDemoDataset, type DemoItem } from "./demo-data/demo-dataset";

/**
 * The generated demo data set held in memory: a fixture for tests and CUSTOMER_DATA_SOURCE=demo only (npm start
 * uses the folder source, seeded from the same data set; Azure refuses "demo").
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
