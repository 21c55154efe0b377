import { describe, expect, it, vi } from "vitest";
import { DEMO_ACCOUNTS } from "../../../scripts/demo-directory";
import { DemoDataSource } from "../../../shared/adapters/local/demo-data-source";
import { generateDemoDataset } from "../../../shared/adapters/local/demo-data/demo-dataset";
import type { Target } from "../../../shared/domain/demand";
import type { CustomerDataItem, CustomerDataSource } from "../../../shared/ports/customer-data-source";
import { TEST_NOW } from "../../support/builders";
import { aDemandWithScope, aScope, createDisclosureFixture } from "./disclosure-fixture";
import { MemoryPackageStore } from "./disclosure-fakes";

const fabrikamCeo: Target = { type: "email", value: "ceo@fabrikam.example" };
const pat: Target = { type: "email", value: "pat@outlook.example" };
const accountOf = (target: Target) => DEMO_ACCOUNTS.find((a) => a.identifierValue === target.value)!.accountId;

/** A listing that never answers: the attempt is still collecting when the host stops it at functionTimeout. */
const never: AsyncIterable<CustomerDataItem> = { [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => undefined) }) };

/*
 * host.json's functionTimeout (10 minutes) stops a disclosure activity mid-way: no catch block runs, and the lifecycle's
 * retry calls the activity again with the same effect key. The tenants' packages committed before the stop are what the
 * retry reuses, so a disclosure whose packages each fit the timeout completes over several attempts.
 */
describe("durable: a disclosure stopped at the activity timeout and retried", () => {
  it("durable: the retry reuses the package already committed for this demand and scope, collecting and sealing only the rest", async () => {
    const store = new MemoryPackageStore();
    const demo = new DemoDataSource(generateDemoDataset(undefined, TEST_NOW));
    let stopped = true;
    const asked: string[] = [];
    const source: CustomerDataSource = {
      listItems: (query) => {
        asked.push(query.accountId);
        return stopped && query.accountId === accountOf(pat) ? never : demo.listItems(query);
      },
    };
    const fx = await createDisclosureFixture(store, { source });
    const scope = aScope([fabrikamCeo, pat], ["subscriber_info"]);
    const demand = aDemandWithScope(fx.requester.id, scope);

    void fx.service.disclose(demand, scope); // the attempt the host stops: it never returns
    await vi.waitFor(() => expect(store.committed.size).toBe(1), { timeout: 30_000 });
    const [fabrikamPackage] = [...store.committed.keys()];

    stopped = false;
    asked.length = 0;
    const result = await fx.service.disclose(demand, scope);

    expect(asked).not.toContain(accountOf(fabrikamCeo));
    expect(store.committed.size).toBe(2);
    const record = store.records.get(demand.id)!;
    expect(record.packages.map((p) => p.blobName)).toContain(fabrikamPackage);
    expect(record.packages).toHaveLength(2);
    expect(result.itemCount).toBe(record.packages.reduce((n, p) => n + p.itemCount, 0));
  });
  it("durable: a customer who revoked its vault key after the stopped attempt still stops the release of the reused package", async () => {
    const store = new MemoryPackageStore();
    const demo = new DemoDataSource(generateDemoDataset(undefined, TEST_NOW));
    let stopped = true;
    const source: CustomerDataSource = { listItems: (query) => (stopped && query.accountId === accountOf(pat) ? never : demo.listItems(query)) };
    const fx = await createDisclosureFixture(store, { source });
    const scope = aScope([fabrikamCeo, pat], ["subscriber_info"]);
    const demand = aDemandWithScope(fx.requester.id, scope);
    void fx.service.disclose(demand, scope);
    await vi.waitFor(() => expect(store.committed.size).toBe(1), { timeout: 30_000 });

    stopped = false;
    fx.fabrikamKey.revoked = "before_unwrap";
    await expect(fx.service.disclose(demand, scope)).rejects.toThrow(/^CUSTOMER_KEY_REVOKED/);
    expect(store.records.get(demand.id)).toBeUndefined();
    expect(store.committed.size).toBe(0);
    expect(store.sealedParts.size).toBe(0);
  });
});
