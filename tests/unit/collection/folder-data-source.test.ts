import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FolderDataSource } from "../../../shared/adapters/local/folder-data-source";
import { seedLocalCustomerData } from "../../../shared/adapters/local/seed-local-customer-data";
import { CollectionError } from "../../../shared/collection/collection-error";
import { collectScope } from "../../../shared/collection/collect-scope";
import { encodeAccountSegment } from "../../../shared/collection/data-layout";
import { expectedFor, listAll, readAll, sourceTestDataset } from "../../support/customer-data-fixture";

const dataset = sourceTestDataset();
let root: string;
let source: FolderDataSource;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "lrw-folder-"));
  await seedLocalCustomerData(root, dataset);
  source = new FolderDataSource(root);
});

describe("FolderDataSource", () => {
  it("lists exactly an account's category within the range, with metadata and bytes, for ordinary and tricky account ids", async () => {
    for (const accountId of ["acct-pat-0001", "a#b/c", "Ünï cødé 名前", ".hidden", "%41"]) {
      const query = { accountId, category: "content_mail" as const, from: "2025-01-01", to: "2026-06-30" };
      const items = await listAll(source, query);
      expect(items.map((i) => i.path).sort()).toEqual(expectedFor(dataset, query));
      for (const item of items) {
        const original = dataset.find((d) => d.accountId === accountId && d.path === item.path)!;
        expect(item.source).toBe(original.source);
        expect(item.size).toBe(original.bytes.length);
        expect((await readAll(item.open())).equals(original.bytes)).toBe(true);
      }
    }
  });

  it("encodes account ids into safe folder names", () => {
    expect(encodeAccountSegment("acct-pat-0001")).toBe("acct-pat-0001");
    expect(encodeAccountSegment("a#b/c")).toBe("a%23b%2Fc");
    expect(encodeAccountSegment(".hidden")).toBe("%2Ehidden");
    expect(encodeAccountSegment("x/../y")).toBe("x%2F..%2Fy");
    expect(decodeURIComponent(encodeAccountSegment("Ünï cødé 名前"))).toBe("Ünï cødé 名前");
  });

  it("keeps the customer-held flag from the sidecar", async () => {
    const items = await listAll(source, { accountId: "acct-lee-0001", category: "content_files", from: "2025-01-01", to: "2026-12-31" });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.customerHeld === true)).toBe(true);
  });

  it("picks up a file dropped in, with defaults and without a sidecar", async () => {
    const day = path.join(root, "acct-new-42", "content_files", "2026-03-04");
    await mkdir(path.join(day, "docs"), { recursive: true });
    await writeFile(path.join(day, "docs", "report.txt"), "hello");
    await writeFile(path.join(day, ".DS_Store"), "x");
    const items = await listAll(source, { accountId: "acct-new-42", category: "content_files", from: "2026-03-04", to: "2026-03-04" });
    expect(items.map((i) => [i.path, i.source, i.customerHeld])).toEqual([["content_files/2026-03-04/docs/report.txt", "unspecified", false]]);
  });

  it("does not treat another case of an account folder as the account", async () => {
    expect(await listAll(source, { accountId: "ACCT-LEE-0001", category: "content_files", from: "2025-01-01", to: "2026-12-31" })).toEqual([]);
  });

  it("fails with ITEM_MISSING when a listed file disappears, and ITEM_CHANGED when it grows", async () => {
    const day = path.join(root, "acct-vanish", "billing", "2026-01-02");
    await mkdir(day, { recursive: true });
    await writeFile(path.join(day, "a.json"), "{}");
    await writeFile(path.join(day, "b.json"), "{}");
    const scope = { targets: [{ type: "email" as const, value: "v@example.test" }], categories: ["billing" as const], dateRange: { from: "2026-01-01", to: "2026-01-31" } };
    const accounts = new Map([["email:v@example.test", "acct-vanish"]]);
    const listed = await listAll(source, { accountId: "acct-vanish", category: "billing", from: "2026-01-01", to: "2026-01-31" });
    await rm(path.join(day, "b.json"));
    await expect(readAll(listed[1]!.open())).rejects.toMatchObject({ code: "ITEM_MISSING" });

    await writeFile(path.join(day, "b.json"), "{}");
    const again = collectScope(source, scope, accounts, new Map([["acct-vanish", "identifier-1"]]), { prefetch: 1 })[Symbol.asyncIterator]();
    const item = (await again.next()).value!;
    await writeFile(path.join(day, "a.json"), "{ \"grown\": true }");
    const failure = await readAll(item.open()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CollectionError);
    expect((failure as CollectionError).code).toBe("ITEM_CHANGED");
  });

  it("answers SOURCE_UNAVAILABLE, not \"no data\", when the data folder itself is not there (a mistyped CUSTOMER_DATA_DIR)", async () => {
    const absent = new FolderDataSource(path.join(root, "no-such-folder"));
    await expect(listAll(absent, { accountId: "acct-pat-0001", category: "billing", from: "2025-01-01", to: "2026-12-31" })).rejects.toMatchObject({ code: "SOURCE_UNAVAILABLE" });
  });

  it("R6: answers SOURCE_UNAVAILABLE, not \"no data\", when the data folder holds no account at all (an empty or wrong CUSTOMER_DATA_DIR)", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "lrw-folder-empty-"));
    await writeFile(path.join(empty, ".DS_Store"), "");
    await expect(listAll(new FolderDataSource(empty), { accountId: "acct-pat-0001", category: "billing", from: "2025-01-01", to: "2026-12-31" })).rejects.toMatchObject({ code: "SOURCE_UNAVAILABLE" });
    expect(await listAll(source, { accountId: "acct-without-data", category: "billing", from: "2025-01-01", to: "2026-12-31" })).toEqual([]);
  });

  it("R6: does not follow a category folder that is a symbolic link into another account's data", async () => {
    const other = path.join(root, "acct-link-other", "billing", "2026-01-02");
    await mkdir(other, { recursive: true });
    await writeFile(path.join(other, "other.json"), "{}");
    await mkdir(path.join(root, "acct-link"), { recursive: true });
    await symlink(path.join(root, "acct-link-other", "billing"), path.join(root, "acct-link", "billing"));
    expect(await listAll(source, { accountId: "acct-link", category: "billing", from: "2026-01-01", to: "2026-01-31" })).toEqual([]);
  });

  it("refuses a malformed sidecar with SOURCE_PROTOCOL", async () => {
    const day = path.join(root, "acct-bad-meta", "billing", "2026-01-02");
    await mkdir(day, { recursive: true });
    await writeFile(path.join(day, "a.json"), "{}");
    await writeFile(path.join(day, "a.json.meta.json"), "{\"customerHeld\":\"yes\"}");
    await expect(listAll(source, { accountId: "acct-bad-meta", category: "billing", from: "2026-01-01", to: "2026-01-31" })).rejects.toMatchObject({ code: "SOURCE_PROTOCOL" });
  });

  it("seeding leaves files already there alone", async () => {
    const first = dataset[0]!;
    const file = path.join(root, encodeAccountSegment(first.accountId), ...first.path.split("/"));
    await writeFile(file, "changed by a person");
    expect((await seedLocalCustomerData(root, dataset)).written).toBe(0);
    const [item] = (await listAll(source, { accountId: first.accountId, category: first.category, from: first.date, to: first.date })).filter((i) => i.path === first.path);
    expect((await readAll(item!.open())).toString()).toBe("changed by a person");
  });
});
