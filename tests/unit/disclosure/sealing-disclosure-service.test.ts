import { Readable } from "node:stream";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../../scripts/demo-directory";
import { CustomerHeldKey } from "../../../shared/adapters/keys/customer-held-key";
import { DisclosureError } from "../../../shared/disclosure/disclosure-error";
import { CUSTOMER_HELD_KEY_NOTE } from "../../../shared/disclosure/seal-tenant-package";
import type { Target } from "../../../shared/domain/demand";
import { DataCategory } from "../../../shared/domain/enums";
import { createDeliveryKeyFile } from "../../../shared/package/delivery-key";
import { CUSTOMER_HELD_NOTE } from "../../../shared/package/format";
import { PackageError } from "../../../shared/package/package-error";
import { KeyServiceError } from "../../../shared/ports/key-service";
import { aDemandWithScope, aScope, createDisclosureFixture, expectedItems, type DisclosureFixture } from "./disclosure-fixture";
import { MemoryPackageStore, openWith } from "./disclosure-fakes";

const pat: Target = { type: "email", value: "pat@outlook.example" };
const lee: Target = { type: "email", value: "lee@outlook.example" };
const fabrikamCeo: Target = { type: "email", value: "ceo@fabrikam.example" };
const ALL = [...DataCategory.options];

let store: MemoryPackageStore;
let fx: DisclosureFixture;
beforeAll(async () => {
  store = new MemoryPackageStore();
  fx = await createDisclosureFixture(store);
});

function onlyPackage(demandId: string) {
  const record = store.records.get(demandId);
  expect(record?.packages).toHaveLength(1);
  const delivered = record!.packages[0]!;
  const bytes = store.committed.get(delivered.blobName);
  expect(bytes).toBeDefined();
  return { record: record!, delivered, bytes: bytes! };
}

describe("SealingDisclosureService", () => {
  it("seals exactly the approved scope and the requester opens it with its own private key (R6, R7)", async () => {
    const scope = aScope([pat], ["subscriber_info", "content_mail"], { from: "2025-01-01", to: "2026-06-30" });
    const demand = aDemandWithScope(fx.requester.id, scope);
    const result = await fx.service.disclose(demand, scope);
    const expected = expectedItems(scope);
    expect(expected.size).toBeGreaterThan(0);
    expect(result).toEqual({ itemCount: expected.size, contentDisclosed: true, nonContentDisclosed: true });
    const { delivered, bytes } = onlyPackage(demand.id);
    expect(delivered.keyOption).toBe("local");
    expect(delivered.requesterKey?.keyId).toMatch(/^recipient:sha256:/);
    const opened = await openWith(bytes, fx.requesterPrivateKey, fx.providerPublicKey, delivered.requesterKey!);
    expect(opened.signaturesChecked).toBe(true);
    expect([...opened.items.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected) expect(opened.items.get(path)?.equals(content)).toBe(true);
    expect(opened.manifest.collected).toEqual(scope.dateRange);
    expect(opened.manifest.orderReference).toBe(demand.body.legalProcess.reference);
    expect(fx.audit.steps(demand.id)).toEqual(["key_wrapped", "key_unwrapped", "package_released"]);
  });

  it("counts only what was collected: non-content only when no content is in range", async () => {
    const scope = aScope([pat, { type: "email", value: "nobody@outlook.example" }], ["ip_history", "billing"]);
    const demand = aDemandWithScope(fx.requester.id, scope);
    expect(await fx.service.disclose(demand, scope)).toEqual({ itemCount: expectedItems(scope).size, contentDisclosed: false, nonContentDisclosed: true });
  });

  it("discloses nothing when the scope holds no data, and says so in the record", async () => {
    const scope = aScope([{ type: "email", value: "nobody@outlook.example" }], ALL);
    const demand = aDemandWithScope(fx.requester.id, scope);
    const before = store.committed.size;
    expect(await fx.service.disclose(demand, scope)).toEqual({ itemCount: 0, contentDisclosed: false, nonContentDisclosed: false });
    expect(store.records.get(demand.id)?.packages).toEqual([]);
    expect(store.committed.size).toBe(before);
    expect(fx.audit.steps(demand.id)).toEqual(["package_released"]);
  });

  it("answers a retry with what was released, sealing nothing new", async () => {
    const scope = aScope([pat], ["billing"]);
    const demand = aDemandWithScope(fx.requester.id, scope);
    const first = await fx.service.disclose(demand, scope);
    const packages = store.committed.size;
    expect(await fx.service.disclose(demand, scope)).toEqual(first);
    expect(store.committed.size).toBe(packages);
  });

  it("seals a customer-held tenant's data to its key only: the provider cannot unwrap, and the package says so (R7)", async () => {
    const scope = aScope([lee], ALL);
    const demand = aDemandWithScope(fx.requester.id, scope);
    await fx.service.disclose(demand, scope);
    const { delivered, bytes } = onlyPackage(demand.id);
    expect(delivered.keyOption).toBe("customer_held");
    expect(delivered.requesterKey).toBeNull();
    expect(delivered.keyNote).toBe(CUSTOMER_HELD_KEY_NOTE);
    expect(delivered.headerKeyIds).toEqual([expect.stringMatching(/^customer-held:sha256:/)]);
    // The provider's keyring holds no key for it, and the customer-held wrapper refuses to unwrap.
    await expect(createDeliveryKeyFile(Readable.from([bytes]), fx.provider, fx.requester.deliveryPublicKeyPem)).rejects.toMatchObject({ code: "KEY_ID_NOT_RECOGNISED" });
    await expect(openWith(bytes, fx.requesterPrivateKey, fx.providerPublicKey)).rejects.toBeInstanceOf(PackageError);
    // Only the customer's own private key opens it; its content items were only ever held encrypted.
    const opened = await openWith(bytes, fx.customerHeldPrivateKey, fx.providerPublicKey);
    expect(opened.manifest.keyOption).toEqual({ kind: "customer_held", note: CUSTOMER_HELD_NOTE });
    for (const item of opened.manifest.items) expect(item.note).toBe(item.category.startsWith("content_") ? CUSTOMER_HELD_NOTE : undefined);
    expect(opened.items.size).toBe(expectedItems(scope).size);
  });

  it("the customer-held wrapper refuses to unwrap with a stable code", async () => {
    const held = new CustomerHeldKey(fx.requester.deliveryPublicKeyPem);
    const wrapped = await held.wrapKey(Buffer.alloc(32, 7));
    await expect(held.unwrapKey(wrapped)).rejects.toMatchObject({ code: "CUSTOMER_HELD_KEY" });
  });

  it("wraps a customer-managed tenant's package under the customer's vault key", async () => {
    const scope = aScope([fabrikamCeo], ["content_files"]);
    const demand = aDemandWithScope(fx.requester.id, scope);
    await fx.service.disclose(demand, scope);
    const { delivered, bytes } = onlyPackage(demand.id);
    expect(delivered.keyOption).toBe("customer_managed");
    const opened = await openWith(bytes, fx.requesterPrivateKey, fx.providerPublicKey, delivered.requesterKey!);
    expect(opened.items.size).toBe(expectedItems(scope).size);
  });

  for (const when of ["before_wrap", "before_unwrap"] as const) {
    it(`fails clearly and delivers nothing when the customer revoked its key (${when.replace("_", " ")})`, async () => {
      const scope = aScope([pat, fabrikamCeo], ALL);
      const demand = aDemandWithScope(fx.requester.id, scope);
      const committedBefore = [...store.committed.keys()];
      fx.fabrikamKey.revoked = when;
      try {
        const failure = await fx.service.disclose(demand, scope).then(
          () => null,
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(DisclosureError);
        expect((failure as DisclosureError).code).toBe("CUSTOMER_KEY_REVOKED");
        expect((failure as DisclosureError).message).toContain("tenant-fabrikam");
      } finally {
        fx.fabrikamKey.revoked = "never";
      }
      expect(store.records.has(demand.id)).toBe(false);
      // Pat's package (sealed first, under the provider's key) was removed again: all or nothing.
      expect([...store.committed.keys()]).toEqual(committedBefore);
      const steps = fx.audit.steps(demand.id);
      expect(steps.at(-1)).toBe("disclosure_failed");
      expect(steps).not.toContain("package_released");
      const failed = fx.audit.entries.find((e) => e.demandId === demand.id && e.step === "disclosure_failed");
      expect(failed?.detail).toMatch(/^CUSTOMER_KEY_REVOKED: /);
    });
  }

  it("R1: collects and releases nothing to a requester whose vetting was revoked after its demand was approved", async () => {
    const scope = aScope([pat], ALL);
    const demand = aDemandWithScope(fx.requester.id, scope);
    const committedBefore = store.committed.size;
    const before = await fx.requesters.read(fx.requester.id);
    await fx.requesters.replace({ ...before!.requester, status: "revoked" }, before!.etag);
    try {
      await expect(fx.service.disclose(demand, scope)).rejects.toMatchObject({ code: "REQUESTER_REVOKED" });
    } finally {
      const revoked = await fx.requesters.read(fx.requester.id);
      await fx.requesters.replace({ ...revoked!.requester, status: "active" }, revoked!.etag);
    }
    expect(store.records.has(demand.id)).toBe(false);
    expect(store.committed.size).toBe(committedBefore);
    expect(fx.audit.steps(demand.id)).not.toContain("package_released");
  });

  it("leaves nothing sealed when the upload fails midway", async () => {
    const scope = aScope([pat], ALL);
    const demand = aDemandWithScope(fx.requester.id, scope);
    const committedBefore = store.committed.size;
    store.failUploadAfterBytes = 3000;
    await expect(fx.service.disclose(demand, scope)).rejects.toMatchObject({ code: "DISCLOSURE_FAILED", cause: expect.objectContaining({ message: expect.stringContaining("simulated upload failure") }) });
    expect(store.records.has(demand.id)).toBe(false);
    expect(store.committed.size).toBe(committedBefore);
    expect(fx.audit.steps(demand.id).at(-1)).toBe("disclosure_failed");
  });

  it("leaves nothing sealed when the last block of the upload fails", async () => {
    const scope = aScope([pat], ["billing"]);
    const demand = aDemandWithScope(fx.requester.id, scope);
    const committedBefore = store.committed.size;
    store.failNextUploadAtEnd = true;
    await expect(fx.service.disclose(demand, scope)).rejects.toMatchObject({ code: "DISCLOSURE_FAILED", cause: expect.objectContaining({ message: expect.stringContaining("simulated failure of the last block") }) });
    expect(store.records.has(demand.id)).toBe(false);
    expect(store.committed.size).toBe(committedBefore);
  });

  it("never names key material in the audit", async () => {
    for (const entry of fx.audit.entries) {
      expect(entry.detail ?? "").not.toMatch(/PRIVATE KEY|wrappedKey|[A-Za-z0-9+/]{200,}/);
      expect(entry.actor).toBe("system");
    }
  });

  it("a key error other than revocation is KEY_UNAVAILABLE", async () => {
    const scope = aScope([fabrikamCeo], ["billing"]);
    const demand = aDemandWithScope(fx.requester.id, scope);
    const original = fx.fabrikamKey.wrapKey.bind(fx.fabrikamKey);
    fx.fabrikamKey.wrapKey = async () => {
      throw new KeyServiceError("KEY_EXPIRED", "key version x expired");
    };
    try {
      await expect(fx.service.disclose(demand, scope)).rejects.toMatchObject({ code: "KEY_UNAVAILABLE" });
    } finally {
      fx.fabrikamKey.wrapKey = original;
    }
  });

  it("puts nothing outside the scope into any package, for random scopes (R6)", async () => {
    const targets: Target[] = DEMO_ACCOUNTS.map((a) => ({ type: a.identifierType, value: a.identifierValue }));
    const day = fc.integer({ min: 0, max: 800 }).map((d) => new Date(Date.parse("2024-12-01T00:00:00Z") + d * 86_400_000).toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(fc.subarray(targets, { minLength: 1 }), fc.subarray(ALL, { minLength: 1 }), day, day, async (ts, categories, a, b) => {
        const scope = aScope(ts, categories, a <= b ? { from: a, to: b } : { from: b, to: a });
        const demand = aDemandWithScope(fx.requester.id, scope);
        const result = await fx.service.disclose(demand, scope);
        const expected = expectedItems(scope);
        expect(result.itemCount).toBe(expected.size);
        const seen: string[] = [];
        for (const delivered of store.records.get(demand.id)!.packages) {
          const bytes = store.committed.get(delivered.blobName)!;
          const key = delivered.keyOption === "customer_held" ? fx.customerHeldPrivateKey : fx.requesterPrivateKey;
          const opened = await openWith(bytes, key, fx.providerPublicKey, delivered.requesterKey ?? undefined);
          for (const item of opened.manifest.items) {
            expect(expected.has(item.path)).toBe(true);
            expect(categories).toContain(item.category);
            seen.push(item.path);
          }
        }
        expect(seen.sort()).toEqual([...expected.keys()].sort());
      }),
      { numRuns: 12 },
    );
  });
});
