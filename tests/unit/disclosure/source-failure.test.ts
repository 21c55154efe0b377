import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DemoDataSource } from "../../../shared/adapters/local/demo-data-source";
import { CollectionError } from "../../../shared/collection/collection-error";
import { DisclosureError, disclosureCodeOf } from "../../../shared/disclosure/disclosure-error";
import type { Target } from "../../../shared/domain/demand";
import { DataCategory } from "../../../shared/domain/enums";
import type { CustomerDataItem, CustomerDataSource } from "../../../shared/ports/customer-data-source";
import { aDemandWithScope, aScope, createDisclosureFixture } from "./disclosure-fixture";
import { MemoryPackageStore } from "./disclosure-fakes";

const pat: Target = { type: "email", value: "pat@outlook.example" };
const northwind: Target = { type: "email", value: "owner@northwind.example" };

/** The demo data, except that the nth item listed (across the disclosure) fails as `fail` says. */
function failingSource(nth: number, fail: "mid-item" | "vanish" | "hang" | "reset"): CustomerDataSource {
  const demo = new DemoDataSource();
  let count = 0;
  return {
    async *listItems(query) {
      for await (const item of demo.listItems(query)) {
        count += 1;
        yield count === nth ? broken(item, fail) : item;
      }
    },
  };
}

function broken(item: CustomerDataItem, fail: "mid-item" | "vanish" | "hang" | "reset"): CustomerDataItem {
  return {
    ...item,
    open: () => {
      switch (fail) {
        case "mid-item":
          return Readable.from((async function* () {
            yield Buffer.from("the first few bytes");
            throw new CollectionError("SOURCE_UNAVAILABLE", "the collector answered 503");
          })());
        case "vanish":
          return Readable.from((async function* () {
            yield* [];
            throw new CollectionError("ITEM_MISSING", "a listed blob is gone");
          })());
        case "hang":
          return new Readable({ read() {} });
        case "reset":
          return Readable.from((async function* () {
            yield Buffer.from("x");
            throw Object.assign(new Error("socket hang up for https://data.example/acct-pat-0001/mail"), { code: "ECONNRESET" });
          })());
      }
    },
  };
}

describe("a data source that fails mid-collection never yields a partial package", () => {
  const cases = [
    { fail: "mid-item", code: "SOURCE_UNAVAILABLE" },
    { fail: "vanish", code: "ITEM_MISSING" },
    { fail: "reset", code: "SOURCE_UNAVAILABLE" },
    { fail: "hang", code: "SOURCE_TIMEOUT" },
  ] as const;
  for (const { fail, code } of cases) {
    it(`${fail}: DisclosureError ${code}, code first in the message, nothing stored or released`, async () => {
      const store = new MemoryPackageStore();
      // Northwind is sealed first (tenant order) and committed; Pat's package then fails: Northwind's must go too.
      const fx = await createDisclosureFixture(store, { source: failingSource(30, fail), collect: { stallMs: 200 } });
      const scope = aScope([northwind, pat], [...DataCategory.options]);
      const demand = aDemandWithScope(fx.requester.id, scope);
      const failure = await fx.service.disclose(demand, scope).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DisclosureError);
      expect((failure as DisclosureError).code).toBe(code);
      expect((failure as DisclosureError).message.startsWith(`${code}: `)).toBe(true);
      expect(disclosureCodeOf((failure as Error).message)).toBe(code);
      expect((failure as Error).message).not.toContain("acct-pat-0001");
      expect(store.records.has(demand.id)).toBe(false);
      expect(store.committed.size).toBe(0);
      const failed = fx.audit.entries.filter((e) => e.step === "disclosure_failed");
      expect(failed).toHaveLength(1);
      expect(failed[0]!.detail).toMatch(new RegExp(`^${code}: .*nothing was delivered$`));
      expect(fx.audit.steps(demand.id)).not.toContain("package_released");
    });
  }

  it("a failed disclosure closes every item stream it had opened ahead (no connection or file left open)", async () => {
    const opened: Readable[] = [];
    const failing = failingSource(30, "mid-item");
    const tracking: CustomerDataSource = {
      async *listItems(query) {
        for await (const item of failing.listItems(query)) {
          yield { ...item, open: () => {
            const stream = item.open();
            opened.push(stream);
            return stream;
          } };
        }
      },
    };
    const fx = await createDisclosureFixture(new MemoryPackageStore(), { source: tracking, collect: { prefetch: 8 } });
    const scope = aScope([northwind, pat], [...DataCategory.options]);
    await expect(fx.service.disclose(aDemandWithScope(fx.requester.id, scope), scope)).rejects.toBeInstanceOf(DisclosureError);
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened.length).toBeGreaterThan(30);
    expect(opened.filter((stream) => !stream.destroyed)).toHaveLength(0);
  });

  it("an item whose source system is blank or longer than the package format allows fails with SOURCE_PROTOCOL, not an unexplained DISCLOSURE_FAILED", async () => {
    for (const odd of ["   ", "s".repeat(201)]) {
      const demo = new DemoDataSource();
      let count = 0;
      const source: CustomerDataSource = {
        async *listItems(query) {
          for await (const item of demo.listItems(query)) yield (count += 1) === 3 ? { ...item, source: odd } : item;
        },
      };
      const fx = await createDisclosureFixture(new MemoryPackageStore(), { source });
      const scope = aScope([pat], [...DataCategory.options]);
      const failure = await fx.service.disclose(aDemandWithScope(fx.requester.id, scope), scope).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DisclosureError);
      expect((failure as DisclosureError).code).toBe("SOURCE_PROTOCOL");
    }
  });

  it("disclosureCodeOf reads the code as an orchestration sees an activity's failure", () => {
    expect(disclosureCodeOf("DisclosureError: SOURCE_TIMEOUT: no bytes")).toBe("SOURCE_TIMEOUT");
    expect(disclosureCodeOf("ITEM_MISSING: gone")).toBe("ITEM_MISSING");
    expect(disclosureCodeOf("Activity function 'disclose' failed: ITEM_CHANGED: an item ended early")).toBe("ITEM_CHANGED");
    expect(disclosureCodeOf("Something else: x")).toBeUndefined();
  });
});
