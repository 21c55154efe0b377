import { createHash } from "node:crypto";
import type { BlockBlobClient, ContainerClient } from "@azure/storage-blob";
import { describe, expect, it } from "vitest";
import { BlobPackageStore, type PackageImmutability } from "../../../shared/adapters/blob/blob-package-store";
import { generateDemoDataset } from "../../../shared/adapters/local/demo-data/demo-dataset";
import type { Target } from "../../../shared/domain/demand";
import { DataCategory } from "../../../shared/domain/enums";
import { TEST_NOW } from "../../support/builders";
import { openTestContainer } from "../../support/test-stores";
import { aDemandWithScope, aScope, createDisclosureFixture, expectedItems } from "../../unit/disclosure/disclosure-fixture";
import { openWith } from "../../unit/disclosure/disclosure-fakes";

const ALL = [...DataCategory.options];
const pat: Target = { type: "email", value: "pat@outlook.example" };
const now = () => new Date("2026-11-25T09:00:00.000Z");

function storeOn(container: ContainerClient, immutability: PackageImmutability = { kind: "legal_hold" }) {
  // Small blocks, so every package is several staged blocks.
  return new BlobPackageStore(container, { immutability, now, blockSize: 2048 });
}

async function committedNames(container: ContainerClient): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat()) names.push(blob.name);
  return names.sort();
}

/** A container whose block blobs fail to stage their `failAt`-th block, like a connection lost midway. */
function containerFailingAtBlock(container: ContainerClient, failAt: number): ContainerClient {
  return new Proxy(container, {
    get(target, property) {
      if (property === "getBlockBlobClient") {
        return (name: string) => {
          const blob = target.getBlockBlobClient(name);
          let staged = 0;
          return new Proxy(blob, {
            get(inner, key) {
              if (key === "stageBlock") {
                return async (...args: Parameters<BlockBlobClient["stageBlock"]>) => {
                  staged += 1;
                  if (staged >= failAt) throw Object.assign(new Error("connection reset by peer"), { code: "ECONNRESET" });
                  return inner.stageBlock(...args);
                };
              }
              const value: unknown = Reflect.get(inner, key);
              return typeof value === "function" ? value.bind(inner) : value;
            },
          });
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** A container whose block blobs count how many blocks are being staged at once (each stage held back a little). */
function containerCountingStages(container: ContainerClient): { container: ContainerClient; maxAtOnce: () => number } {
  let atOnce = 0;
  let max = 0;
  const counted = new Proxy(container, {
    get(target, property) {
      if (property === "getBlockBlobClient") {
        return (name: string) =>
          new Proxy(target.getBlockBlobClient(name), {
            get(inner, key) {
              if (key === "stageBlock") {
                return async (...args: Parameters<BlockBlobClient["stageBlock"]>) => {
                  atOnce += 1;
                  max = Math.max(max, atOnce);
                  try {
                    await new Promise((r) => setTimeout(r, 20));
                    return await inner.stageBlock(...args);
                  } finally {
                    atOnce -= 1;
                  }
                };
              }
              const value: unknown = Reflect.get(inner, key);
              return typeof value === "function" ? value.bind(inner) : value;
            },
          });
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { container: counted, maxAtOnce: () => max };
}

describe("BlobPackageStore on Azurite", () => {
  it("round trip: sealed, committed, recorded; the requester opens exactly the collected items", async () => {
    const container = await openTestContainer("packages");
    const store = storeOn(container);
    const fx = await createDisclosureFixture(store);
    const scope = aScope([pat], ["subscriber_info", "ip_history", "content_mail", "content_files"]);
    const demand = aDemandWithScope(fx.requester.id, scope);
    const result = await fx.service.disclose(demand, scope);
    const record = await store.get(demand.id);
    expect(record?.status).toBe("sealed");
    expect(record?.result).toEqual(result);
    const delivered = record!.packages[0]!;
    expect(await committedNames(container)).toEqual([`deliveries/${demand.id}.json`, delivered.blobName].sort());
    // Azurite answers 501 to legal holds: recorded, and the release goes on.
    expect(delivered.immutability).toBe("not_supported");
    const bytes = await container.getBlockBlobClient(delivered.blobName).downloadToBuffer();
    expect(bytes.length).toBe(delivered.size);
    const properties = await container.getBlockBlobClient(delivered.blobName).getProperties();
    expect(properties.metadata?.sha256).toBe(delivered.sha256);
    const opened = await openWith(bytes, fx.requesterPrivateKey, fx.providerPublicKey, delivered.requesterKey!);
    const expected = expectedItems(scope);
    expect([...opened.items.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected) expect(opened.items.get(path)?.equals(content)).toBe(true);
    expect(fx.audit.entries.find((e) => e.step === "package_released")?.detail).toContain("immutability not_supported");
  });

  it("records a retention policy as not supported by this storage too", async () => {
    const container = await openTestContainer("packages");
    const store = storeOn(container, { kind: "retention", days: 365, locked: false });
    const fx = await createDisclosureFixture(store);
    const scope = aScope([pat], ["billing"]);
    const demand = aDemandWithScope(fx.requester.id, scope);
    await fx.service.disclose(demand, scope);
    expect((await store.get(demand.id))?.packages[0]?.immutability).toBe("not_supported");
  });

  it("holds no plaintext of any item anywhere in the container after sealing", async () => {
    const container = await openTestContainer("packages");
    const store = storeOn(container);
    const fx = await createDisclosureFixture(store);
    const targets: Target[] = ["pat@outlook.example", "lee@outlook.example", "ceo@fabrikam.example", "owner@northwind.example"].map((value) => ({ type: "email", value }));
    const scope = aScope(targets, ALL);
    const demand = aDemandWithScope(fx.requester.id, scope);
    const result = await fx.service.disclose(demand, scope);
    expect(result.itemCount).toBe(expectedItems(scope).size);
    const names = await committedNames(container);
    expect(names.filter((name) => name.startsWith("packages/"))).toHaveLength(4);
    const blobs = await Promise.all(names.map((name) => container.getBlockBlobClient(name).downloadToBuffer()));
    const items = generateDemoDataset(undefined, TEST_NOW);
    let searched = 0;
    for (const item of items) {
      const needles = [item.bytes.subarray(0, 48), Buffer.from(`demo-item ${item.accountId}/${item.path}`)];
      for (const blob of blobs) for (const needle of needles) expect(blob.includes(needle)).toBe(false);
      searched += 1;
    }
    expect(searched).toBe(items.length);
    // The search would find plaintext if it were there: the delivery record is stored in the clear and is found.
    expect(blobs.some((blob) => blob.includes(Buffer.from(demand.id)))).toBe(true);
  });

  it("leaves no sealed record and no package when the upload fails midway", async () => {
    const container = await openTestContainer("packages");
    const store = storeOn(containerFailingAtBlock(container, 3));
    const fx = await createDisclosureFixture(store);
    const scope = aScope([pat], ALL);
    const demand = aDemandWithScope(fx.requester.id, scope);
    await expect(fx.service.disclose(demand, scope)).rejects.toMatchObject({ code: "DISCLOSURE_FAILED", cause: expect.objectContaining({ message: expect.stringContaining("connection reset by peer") }) });
    expect(await store.get(demand.id)).toBeNull();
    expect(await committedNames(container)).toEqual([]);
    expect(fx.audit.steps(demand.id).at(-1)).toBe("disclosure_failed");
    expect(fx.audit.entries.at(-1)?.detail).toBe("DISCLOSURE_FAILED: Error (ECONNRESET); nothing was delivered");
    // The same disclosure succeeds once storage works again.
    const retry = await createDisclosureFixture(storeOn(container));
    const again = aDemandWithScope(retry.requester.id, scope);
    expect((await retry.service.disclose(again, scope)).itemCount).toBe(expectedItems(scope).size);
  });

  it("refuses to commit when the staged blocks differ from what was written", async () => {
    const container = await openTestContainer("packages");
    const store = storeOn(container);
    const upload = store.beginUpload("dmd-x", "pkg-x");
    upload.output.end(Buffer.alloc(5000, 1));
    await upload.completed();
    // Someone else stages a block of another size under one of our ids before the commit.
    const blob = container.getBlockBlobClient(upload.blobName);
    const firstId = Buffer.from(`lrw-block-${"0".padStart(8, "0")}`).toString("base64");
    await blob.stageBlock(firstId, Buffer.alloc(10, 2), 10);
    await expect(store.commit(upload)).rejects.toThrow("staged blocks do not match");
    expect(await committedNames(container)).toEqual([]);
  });

  it("stages several blocks at once, at most stagingConcurrency, and commits them in the order written", async () => {
    const container = await openTestContainer("packages");
    const counting = containerCountingStages(container);
    const store = new BlobPackageStore(counting.container, { immutability: { kind: "none" }, now, blockSize: 1024, stagingConcurrency: 3 });
    const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7) % 251));
    const upload = store.beginUpload("dmd-par", "pkg-par");
    for (let at = 0; at < bytes.length; at += 700) upload.output.write(bytes.subarray(at, at + 700));
    upload.output.end();
    const committed = await store.commit(upload);
    expect(counting.maxAtOnce()).toBe(3);
    expect(committed.size).toBe(bytes.length);
    const stored = await container.getBlockBlobClient(upload.blobName).downloadToBuffer();
    expect(stored.equals(bytes)).toBe(true);
    expect(committed.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("writes a delivery record once", async () => {
    const container = await openTestContainer("packages");
    const store = storeOn(container);
    const record = {
      format: "lrw-delivery" as const,
      version: 1 as const,
      demandId: "dmd-once",
      requesterId: "req-1",
      status: "sealed" as const,
      sealedAt: now().toISOString(),
      collected: { from: "2026-01-01", to: "2026-01-31" },
      result: { itemCount: 0, contentDisclosed: false, nonContentDisclosed: false },
      packages: [],
    };
    expect(await store.putIfAbsent(record)).toBe(true);
    expect(await store.putIfAbsent({ ...record, requesterId: "req-2" })).toBe(false);
    expect((await store.get("dmd-once"))?.requesterId).toBe("req-1");
    expect(await store.get("dmd-none")).toBeNull();
  });
  it("durable: keeps a note of a committed, unreleased package per part until it is forgotten, apart from the delivery record", async () => {
    const container = await openTestContainer("packages");
    const store = storeOn(container);
    const hex = "a".repeat(64);
    const sealed = {
      delivered: {
        packageId: "pkg-1", blobName: "packages/dmd-part/pkg-1.lrwpkg", size: 10, sha256: hex, headerSha256: hex, manifestSha256: hex,
        keyOption: "customer_held" as const, headerKeyIds: ["customer:1"], requesterKey: null, itemCount: 1, categories: ["subscriber_info" as const],
        immutability: "not_supported" as const,
      },
      header: Buffer.from("header").toString("base64"),
    };
    await store.putSealed("dmd-part", "p1", sealed);
    expect(await store.getSealed("dmd-part", "p1")).toEqual(sealed);
    expect(await store.getSealed("dmd-part", "p2")).toBeNull();
    expect(await store.get("dmd-part")).toBeNull();
    await store.forgetSealed("dmd-part", "p1");
    expect(await store.getSealed("dmd-part", "p1")).toBeNull();
  });
});
