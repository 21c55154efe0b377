import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlobCustomerDataSource } from "../../../shared/adapters/blob/blob-customer-data-source";
import { uploadCustomerItem } from "../../../shared/adapters/blob/upload-customer-item";
import { CollectorDataSource } from "../../../shared/adapters/http/collector-data-source";
import { DemoDataSource } from "../../../shared/adapters/local/demo-data-source";
import { FolderDataSource } from "../../../shared/adapters/local/folder-data-source";
import { seedLocalCustomerData } from "../../../shared/adapters/local/seed-local-customer-data";
import { DataCategory } from "../../../shared/domain/enums";
import type { CustomerDataSource } from "../../../shared/ports/customer-data-source";
import { startReferenceCollector, type ReferenceCollector } from "../../../scripts/reference-collector";
import { expectedFor, listAll, sourceTestDataset } from "../../support/customer-data-fixture";
import { openTestContainer } from "../../support/test-stores";

const dataset = sourceTestDataset();
const accounts = [...new Set(dataset.map((item) => item.accountId))];
const sources: Record<string, CustomerDataSource> = {};
let collector: ReferenceCollector;

beforeAll(async () => {
  sources.demo = new DemoDataSource(dataset);
  const dir = await mkdtemp(path.join(tmpdir(), "lrw-scope-"));
  await seedLocalCustomerData(dir, dataset);
  sources.folder = new FolderDataSource(dir);
  const container = await openTestContainer("scope");
  for (const item of dataset) {
    const [, date = "", ...name] = item.path.split("/");
    await uploadCustomerItem(container, { accountId: item.accountId, category: item.category, date, name: name.join("/"), source: item.source, customerHeld: item.customerHeld, bytes: item.bytes });
  }
  sources.blob = new BlobCustomerDataSource(container);
  collector = await startReferenceCollector({ source: new FolderDataSource(dir), pageSize: 3 });
  sources.collector = new CollectorDataSource({ baseUrl: collector.url, token: async () => "any", pageSize: 2 });
}, 90_000);
afterAll(async () => {
  await collector?.close();
});

const day = fc.integer({ min: Date.parse("2024-10-01T00:00:00Z") / 86_400_000, max: Date.parse("2027-03-31T00:00:00Z") / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
/** Accounts with data, their other-case and prefix variants, and accounts without data. */
const account = fc.oneof(
  fc.constantFrom(...accounts),
  fc.constantFrom(...accounts).map((a) => a.toUpperCase()),
  fc.constantFrom(...accounts).map((a) => a.slice(0, -1)),
  fc.constantFrom("nobody", "a#b", "a", "acct-pat-0001/x"),
);
const queries = fc.record({ accountId: account, category: fc.constantFrom(...DataCategory.options), range: fc.tuple(day, day) }).map(({ accountId, category, range: [a, b] }) => ({
  accountId,
  category,
  from: a < b ? a : b,
  to: a < b ? b : a,
}));

describe("every data source lists exactly the asked scope (R6), for any account, category and range", () => {
  for (const name of ["demo", "folder", "blob", "collector"]) {
    it(name, async () => {
      await fc.assert(
        fc.asyncProperty(queries, async (query) => {
          const listed = await listAll(sources[name]!, query);
          for (const item of listed) {
            expect(item.accountId).toBe(query.accountId);
            expect(item.category).toBe(query.category);
            expect(item.date >= query.from && item.date <= query.to).toBe(true);
            expect(item.path.startsWith(`${query.category}/${item.date}/`)).toBe(true);
          }
          expect(listed.map((i) => i.path).sort()).toEqual(expectedFor(dataset, query));
        }),
        { numRuns: name === "demo" || name === "folder" ? 150 : 40 },
      );
    }, 120_000);
  }
});
