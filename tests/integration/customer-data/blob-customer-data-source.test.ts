import { BlobServiceClient, type ContainerClient } from "@azure/storage-blob";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { BlobCustomerDataSource } from "../../../shared/adapters/blob/blob-customer-data-source";
import { uploadCustomerItem } from "../../../shared/adapters/blob/upload-customer-item";
import { collectScope } from "../../../shared/collection/collect-scope";
import { expectedFor, listAll, readAll, sourceTestDataset } from "../../support/customer-data-fixture";
import { openTestContainer } from "../../support/test-stores";

const dataset = sourceTestDataset();
let container: ContainerClient;
let source: BlobCustomerDataSource;

/** Uploads a demo item into the layout (its path is "<category>/<day>/<name>"). */
async function upload(item: (typeof dataset)[number]): Promise<void> {
  const [, date = "", ...name] = item.path.split("/");
  await uploadCustomerItem(container, { accountId: item.accountId, category: item.category, date, name: name.join("/"), source: item.source, customerHeld: item.customerHeld, bytes: item.bytes });
}

beforeAll(async () => {
  container = await openTestContainer("customer-data");
  source = new BlobCustomerDataSource(container);
  for (const item of dataset) await upload(item);
}, 60_000);

describe("BlobCustomerDataSource (Azurite)", () => {
  it("lists exactly an account's category within the range, with metadata and bytes, for ordinary and tricky account ids", async () => {
    for (const accountId of ["acct-pat-0001", "acct-pat-000", "a#b/c", "Ünï cødé 名前", ".hidden", "%41", "x/../y"]) {
      const query = { accountId, category: "content_files" as const, from: "2025-03-01", to: "2026-09-30" };
      const items = await listAll(source, query);
      expect(items.map((i) => i.path).sort()).toEqual(expectedFor(dataset, query));
      for (const item of items) {
        const original = dataset.find((d) => d.accountId === accountId && d.path === item.path)!;
        expect([item.source, item.size, item.customerHeld]).toEqual([original.source, original.bytes.length, original.customerHeld]);
        expect((await readAll(item.open())).equals(original.bytes)).toBe(true);
      }
    }
  });

  it("lists exactly the range also when many days hold data (one listing of the category)", async () => {
    const days = Array.from({ length: 40 }, (_, i) => new Date(Date.parse("2026-01-01T00:00:00Z") + i * 3 * 86_400_000).toISOString().slice(0, 10));
    for (const [i, date] of days.entries()) {
      await uploadCustomerItem(container, { accountId: "acct-many", category: "ip_history", date, name: `sign-ins-${i}.csv`, source: "signin-logs", bytes: Buffer.from(`${i}`) });
    }
    await uploadCustomerItem(container, { accountId: "acct-many", category: "billing", date: "2026-02-01", name: "other-category.json", source: "billing", bytes: Buffer.from("{}") });
    for (const [from, to] of [["2026-01-01", "2026-12-31"], ["2026-01-10", "2026-03-20"], ["2026-02-02", "2026-02-02"], ["2025-01-01", "2025-12-31"]] as const) {
      const items = await listAll(source, { accountId: "acct-many", category: "ip_history", from, to });
      expect(items.map((i) => i.date)).toEqual(days.filter((d) => d >= from && d <= to));
    }
  });

  it("keeps the customer-held flag in blob metadata", async () => {
    const items = await listAll(source, { accountId: "acct-lee-0001", category: "content_mail", from: "2025-01-01", to: "2026-12-31" });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.customerHeld)).toBe(true);
  });

  it("R7: reads the customer-held flag and the source system whatever the case of the metadata names (Azure treats them case-insensitively)", async () => {
    const name = "acct-case/content_mail/2026-04-05/held.eml";
    await container.getBlockBlobClient(name).uploadData(Buffer.from("ciphertext"), { metadata: { CustomerHeld: "true", SourceSystem: "exchange" } });
    const items = await listAll(source, { accountId: "acct-case", category: "content_mail", from: "2026-04-01", to: "2026-04-30" });
    expect(items.map((i) => ({ path: i.path, customerHeld: i.customerHeld, source: i.source }))).toEqual([{ path: "content_mail/2026-04-05/held.eml", customerHeld: true, source: "exchange" }]);
  });

  it("R7: a customer-held flag other than true or false (an export's '1', 'yes') fails with SOURCE_PROTOCOL instead of sealing the item as provider-readable", async () => {
    for (const [i, value] of ["1", "yes", "y", "on", "ture"].entries()) {
      const accountId = `acct-held-${i}`;
      await container.getBlockBlobClient(`${accountId}/content_files/2026-04-05/secret.bin`).uploadData(Buffer.from("ciphertext"), { metadata: { customerheld: value, sourcesystem: "onedrive" } });
      await expect(listAll(source, { accountId, category: "content_files", from: "2026-04-01", to: "2026-04-30" })).rejects.toMatchObject({ code: "SOURCE_PROTOCOL" });
    }
    // Either spelling of the two values is read as it says.
    await container.getBlockBlobClient("acct-held-ok/content_files/2026-04-05/a.bin").uploadData(Buffer.from("x"), { metadata: { customerheld: "True" } });
    await container.getBlockBlobClient("acct-held-ok/content_files/2026-04-05/b.bin").uploadData(Buffer.from("x"), { metadata: { customerheld: "FALSE" } });
    const items = await listAll(source, { accountId: "acct-held-ok", category: "content_files", from: "2026-04-01", to: "2026-04-30" });
    expect(items.map((i) => i.customerHeld)).toEqual([true, false]);
  });

  it("R6: skips the directory entries a Data Lake (hierarchical namespace) account lists as blobs, which made an item and its folder both items and failed every disclosure", async () => {
    // A hierarchical-namespace account lists each directory as an empty blob with hdi_isfolder=true (Azurite has no such mode).
    await container.getBlockBlobClient("acct-hns/content_files/2026-04-05/reports").uploadData(Buffer.alloc(0), { metadata: { hdi_isfolder: "true" } });
    await uploadCustomerItem(container, { accountId: "acct-hns", category: "content_files", date: "2026-04-05", name: "reports/q1.pdf", source: "onedrive", bytes: Buffer.from("%PDF") });
    const items = await listAll(source, { accountId: "acct-hns", category: "content_files", from: "2026-04-01", to: "2026-04-30" });
    expect(items.map((i) => i.path)).toEqual(["content_files/2026-04-05/reports/q1.pdf"]);
  });

  it("fails with ITEM_MISSING when a listed blob is deleted, and ITEM_CHANGED when it is replaced", async () => {
    const make = (name: string, text: string) => uploadCustomerItem(container, { accountId: "acct-churn", category: "billing", date: "2026-02-03", name, source: "billing", bytes: Buffer.from(text) });
    const gone = await make("gone.json", "{}");
    const replaced = await make("replaced.json", "{}");
    const listed = await listAll(source, { accountId: "acct-churn", category: "billing", from: "2026-02-01", to: "2026-02-28" });
    await container.deleteBlob(gone);
    await container.getBlockBlobClient(replaced).uploadData(Buffer.from("{\"other\":1}"));
    await expect(readAll(listed[0]!.open())).rejects.toMatchObject({ code: "ITEM_MISSING" });
    await expect(readAll(listed[1]!.open())).rejects.toMatchObject({ code: "ITEM_CHANGED" });
  });

  it("collects through collectScope with prefetch, in listing order", async () => {
    const scope = { targets: [{ type: "email" as const, value: "pat@outlook.example" }], categories: ["content_mail" as const, "billing" as const], dateRange: { from: "2025-01-01", to: "2026-12-31" } };
    const collected: string[] = [];
    for await (const item of collectScope(source, scope, new Map([["email:pat@outlook.example", "acct-pat-0001"]]), new Map([["acct-pat-0001", "identifier-1"]]), { prefetch: 4 })) {
      collected.push(item.packagePath);
      expect((await readAll(item.open())).length).toBeGreaterThan(0);
    }
    const expected = [
      ...expectedFor(dataset, { accountId: "acct-pat-0001", category: "content_mail", ...scope.dateRange }),
      ...expectedFor(dataset, { accountId: "acct-pat-0001", category: "billing", ...scope.dateRange }),
    ].map((p) => `identifier-1/${p}`);
    expect(collected).toEqual(expected);
  });

  it("R6: answers SOURCE_UNAVAILABLE, not \"no data\", when the container holds nothing at all (an export that never ran, a new container named by mistake)", async () => {
    const empty = new BlobCustomerDataSource(await openTestContainer("customer-data-empty"));
    await expect(listAll(empty, { accountId: "acct-pat-0001", category: "billing", from: "2025-01-01", to: "2026-12-31" })).rejects.toMatchObject({ code: "SOURCE_UNAVAILABLE" });
    // A container with data still answers "nothing" for an account that has none.
    expect(await listAll(source, { accountId: "acct-without-data", category: "billing", from: "2025-01-01", to: "2026-12-31" })).toEqual([]);
  });

  it("answers SOURCE_UNAVAILABLE, not \"no data\", when the container is not there", async () => {
    const service = BlobServiceClient.fromConnectionString(inject("blobConnectionString"));
    const absent = new BlobCustomerDataSource(service.getContainerClient("no-such-customer-data"));
    await expect(listAll(absent, { accountId: "acct-pat-0001", category: "billing", from: "2025-01-01", to: "2026-12-31" })).rejects.toMatchObject({ code: "SOURCE_UNAVAILABLE" });
  });
});
