import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../../scripts/demo-directory";
import { DemoDataSource } from "../../../shared/adapters/local/demo-data-source";
import { demoDataPeriod, generateDemoDataset } from "../../../shared/adapters/local/demo-data/demo-dataset";
import { collectScope, ScopeViolationError, type CollectedItem } from "../../../shared/collection/collect-scope";
import { packageFolders } from "../../../shared/collection/package-folders";
import type { Target } from "../../../shared/domain/demand";
import { DataCategory } from "../../../shared/domain/enums";
import type { DisclosureScope } from "../../../shared/domain/lifecycle/scope";
import { identifierKey } from "../../../shared/domain/tenant";
import type { CustomerDataItem, CustomerDataSource } from "../../../shared/ports/customer-data-source";
import { TEST_NOW } from "../../support/builders";

const dataset = generateDemoDataset(undefined, TEST_NOW);
const DEMO_DATA_PERIOD = demoDataPeriod(TEST_NOW);
const accountsByTarget = new Map(DEMO_ACCOUNTS.map((a) => [identifierKey(a.identifierType, a.identifierValue), a.accountId]));
const demoTargets: Target[] = DEMO_ACCOUNTS.map((a) => ({ type: a.identifierType, value: a.identifierValue }));
const unknownTargets: Target[] = [
  { type: "email", value: "nobody@outlook.example" },
  { type: "phone", value: "+15555550100" },
];

const day = fc.integer({ min: Date.parse("2024-10-01T00:00:00Z") / 86_400_000, max: Date.parse("2027-03-31T00:00:00Z") / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

/** Random scopes over the demo data: demo and unknown identifiers (also in another case), categories, a range (sometimes inverted). */
const scopes: fc.Arbitrary<DisclosureScope> = fc.record({
  targets: fc.subarray([...demoTargets, ...unknownTargets]).chain((targets) =>
    fc.tuple(...targets.map((t) => fc.boolean().map((upper) => (upper ? { ...t, value: ` ${t.value.toUpperCase()} ` } : t)))).map((ts) => ts as Target[]),
  ),
  categories: fc.subarray([...DataCategory.options]),
  dateRange: fc.tuple(day, day).map(([from, to]) => ({ from, to })),
});

async function collectAll(source: CustomerDataSource, scope: DisclosureScope): Promise<CollectedItem[]> {
  const items: CollectedItem[] = [];
  for await (const item of collectScope(source, scope, accountsByTarget, packageFolders(scope.targets, accountsByTarget))) items.push(item);
  return items;
}

function scopeAccounts(scope: DisclosureScope): Set<string> {
  return new Set(scope.targets.flatMap((t) => accountsByTarget.get(identifierKey(t.type, t.value)) ?? []));
}

function inScope(scope: DisclosureScope, item: { accountId: string; category: DataCategory; date: string }): boolean {
  return scopeAccounts(scope).has(item.accountId) && scope.categories.includes(item.category) && item.date >= scope.dateRange.from && item.date <= scope.dateRange.to;
}

describe("collectScope (R6)", () => {
  it("collects exactly the approved accounts, categories and dates, for any scope over the demo data", async () => {
    const source = new DemoDataSource(dataset);
    await fc.assert(
      fc.asyncProperty(scopes, async (scope) => {
        const collected = await collectAll(source, scope);
        for (const item of collected) {
          expect(scopeAccounts(scope).has(item.accountId)).toBe(true);
          expect(scope.categories).toContain(item.category);
          expect(item.date >= scope.dateRange.from && item.date <= scope.dateRange.to).toBe(true);
          expect(item.packagePath.startsWith(`${packageFolders(scope.targets, accountsByTarget).get(item.accountId)}/`)).toBe(true);
        }
        // And nothing in scope is left out.
        const folders = packageFolders(scope.targets, accountsByTarget);
        const expected = dataset.filter((item) => inScope(scope, item)).map((item) => `${folders.get(item.accountId)}/${item.path}`).sort();
        expect(collected.map((item) => item.packagePath).sort()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("stops when a source answers with anything outside the question, before passing it on", async () => {
    const leaky: CustomerDataSource = {
      async *listItems() {
        for (const item of dataset) yield { ...item, open: () => Readable.from([item.bytes]) } satisfies CustomerDataItem;
      },
    };
    await fc.assert(
      fc.asyncProperty(scopes, async (scope) => {
        const passed: CollectedItem[] = [];
        let stopped = false;
        try {
          for await (const item of collectScope(leaky, scope, accountsByTarget, packageFolders(scope.targets, accountsByTarget))) passed.push(item);
        } catch (error) {
          expect(error).toBeInstanceOf(ScopeViolationError);
          stopped = true;
        }
        for (const item of passed) expect(inScope(scope, item)).toBe(true);
        // The leaky source answers every question with the whole data set, so any question at all must trip the check.
        const asked = scopeAccounts(scope).size > 0 && scope.categories.length > 0 && scope.dateRange.from <= scope.dateRange.to;
        expect(stopped).toBe(asked);
      }),
      { numRuns: 100 },
    );
  });

  it("collects an account named by two identifiers once", async () => {
    const items = await collectAll(new DemoDataSource(dataset), {
      targets: [
        { type: "email", value: "pat@outlook.example" },
        { type: "phone", value: "+14155550123" },
      ],
      categories: ["content_mail"],
      dateRange: DEMO_DATA_PERIOD,
    });
    expect(items.length).toBe(4);
    expect(new Set(items.map((i) => i.packagePath)).size).toBe(4);
  });

  it("collects nothing for an inverted or malformed range, or identifiers the directory does not know", async () => {
    const source = new DemoDataSource(dataset);
    const base: DisclosureScope = { targets: demoTargets, categories: [...DataCategory.options], dateRange: DEMO_DATA_PERIOD };
    expect(await collectAll(source, { ...base, dateRange: { from: "2026-06-01", to: "2026-05-31" } })).toEqual([]);
    expect(await collectAll(source, { ...base, dateRange: { from: "", to: "" } })).toEqual([]);
    expect(await collectAll(source, { ...base, targets: unknownTargets })).toEqual([]);
    expect((await collectAll(source, base)).length).toBe(dataset.length);
  });
});

describe("the demo data set", () => {
  it("is about a hundred items over 2025–2026, every category in every half-year, generated the same every time, with unique paths per account", () => {
    expect(dataset.length).toBeGreaterThan(30);
    expect(dataset.length).toBeLessThan(200);
    const halves = (date: string) => `${date.slice(0, 4)}-${date.slice(5, 7) <= "06" ? "H1" : "H2"}`;
    const pat = dataset.filter((i) => i.accountId === "acct-pat-0001");
    for (const category of DataCategory.options) {
      expect(new Set(pat.filter((i) => i.category === category).map((i) => halves(i.date))), category).toEqual(new Set(["2025-H1", "2025-H2", "2026-H1", "2026-H2"]));
    }
    expect(generateDemoDataset(undefined, TEST_NOW)).toEqual(dataset);
    for (const item of dataset) expect(item.date >= DEMO_DATA_PERIOD.from && item.date <= DEMO_DATA_PERIOD.to).toBe(true);
    expect(new Set(dataset.map((i) => `${i.accountId}/${i.path}`)).size).toBe(dataset.length);
    expect(new Set(dataset.map((i) => i.accountId))).toEqual(new Set(DEMO_ACCOUNTS.map((a) => a.accountId)));
  });

  it("holds the customer-held account's content only encrypted, and its non-content in the clear", () => {
    const lee = dataset.filter((i) => i.accountId === "acct-lee-0001");
    for (const item of lee) {
      const readable = item.bytes.includes(Buffer.from(`demo-item acct-lee-0001/${item.path}`));
      expect(item.customerHeld).toBe(item.category.startsWith("content_"));
      expect(readable).toBe(!item.customerHeld);
    }
  });
});
