import { describe, expect, it } from "vitest";
import { DemoDataSource } from "../../../shared/adapters/local/demo-data-source";
import { DisclosureError } from "../../../shared/disclosure/disclosure-error";
import type { Target } from "../../../shared/domain/demand";
import { DataCategory } from "../../../shared/domain/enums";
import type { CustomerDataSource } from "../../../shared/ports/customer-data-source";
import { aDemandWithScope, aScope, createDisclosureFixture } from "./disclosure-fixture";
import { MemoryPackageStore } from "./disclosure-fakes";

const pat: Target = { type: "email", value: "pat@outlook.example" };

/** The demo data, with every item listed twice under the same path (a collector naming two items alike on one day). */
function twiceListingSource(): CustomerDataSource {
  const demo = new DemoDataSource();
  return {
    async *listItems(query) {
      for await (const item of demo.listItems(query)) {
        yield item;
        yield item;
      }
    },
  };
}

/** The demo data, with every item also listed as the folder of a second one ("x" and "x/part"), as blob names may be. */
function fileAndFolderSource(): CustomerDataSource {
  const demo = new DemoDataSource();
  return {
    async *listItems(query) {
      for await (const item of demo.listItems(query)) {
        yield item;
        yield { ...item, path: `${item.path}/part` };
      }
    },
  };
}

describe("a source that names two items alike fails the disclosure without quoting the item path", () => {
  it("neither the error (logged by the host, seen by the orchestration) nor the audit entry carries the account or item name", async () => {
    const store = new MemoryPackageStore();
    const fx = await createDisclosureFixture(store, { source: twiceListingSource() });
    const scope = aScope([pat], [...DataCategory.options]);
    const demand = aDemandWithScope(fx.requester.id, scope);
    const paths: string[] = [];
    for await (const item of new DemoDataSource().listItems({ accountId: "acct-pat-0001", category: "content_mail", from: scope.dateRange.from, to: scope.dateRange.to })) paths.push(item.path);
    const failure = await fx.service.disclose(demand, scope).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DisclosureError);
    const message = (failure as Error).message;
    const failed = fx.audit.entries.filter((e) => e.step === "disclosure_failed");
    expect(failed).toHaveLength(1);
    for (const text of [message, failed[0]!.detail ?? ""]) {
      expect(text).not.toContain("acct-pat-0001");
      expect(text).not.toMatch(/content_mail\/|subscriber\/|\d{4}-\d{2}-\d{2}\//);
      for (const path of paths) expect(text).not.toContain(path);
    }
    expect(store.committed.size).toBe(0);
  });

  it("R6: an item listed as the folder of another fails the disclosure with SOURCE_PROTOCOL, nothing delivered: the requester could not open the package", async () => {
    const store = new MemoryPackageStore();
    const fx = await createDisclosureFixture(store, { source: fileAndFolderSource() });
    const scope = aScope([pat], ["billing"]);
    const failure = await fx.service.disclose(aDemandWithScope(fx.requester.id, scope), scope).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DisclosureError);
    expect((failure as Error).message).toMatch(/^SOURCE_PROTOCOL: /);
    expect((failure as Error).message).not.toContain("acct-pat-0001");
    expect(store.committed.size).toBe(0);
  });
});
