import { generateKeyPairSync } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { CustomerHeldKey } from "../../../shared/adapters/keys/customer-held-key";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import { createDeliveryKeyFile } from "../../../shared/package/delivery-key";
import { findItemPathProblem } from "../../../shared/package/item-path";
import { rsaOaep256Unwrap, wrapKeyForRecipient } from "../../../shared/package/recipient-key";
import { KeyServiceError } from "../../../shared/ports/key-service";
import { createTestKeys, sealToBytes, standardItems, verifyBytes, type TestKeys } from "./package-fixtures";

let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys();
});

describe("local keyring", () => {
  it("creates its keys on first use as 0600 files in a 0700 directory", async () => {
    await keys.keyring.wrapKey(Buffer.alloc(32, 1));
    expect((await stat(keys.keyringDir)).mode & 0o777).toBe(0o700);
    for (const name of ["package-kek", "package-signing"]) {
      const files = (await readdir(join(keys.keyringDir, name))).filter((file) => file.endsWith(".pem"));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect((await stat(join(keys.keyringDir, name, file))).mode & 0o777).toBe(0o600);
    }
  });

  it("keeps old packages openable after rotation, because each wrapped key names its version", async () => {
    const before = await sealToBytes(keys, [standardItems()[0]!.item()]);
    const newKeyId = await keys.keyring.rotate("package-kek");
    expect(before.result.manifest.packageId).toBeTruthy();
    const after = await keys.keyring.wrapKey(Buffer.alloc(32, 2));
    expect(after.keyId).toBe(newKeyId);
    const reopened = new LocalKeyring({ directory: keys.keyringDir });
    const keyFile = await createDeliveryKeyFile(Readable.from([before.bytes]), reopened, keys.recipientPublicKeyPem);
    await expect(verifyBytes(keys, before.bytes, keyFile)).resolves.toBeTruthy();
  });

  it("fails with KEY_NOT_FOUND for a version it does not have", async () => {
    const wrapped = await keys.keyring.wrapKey(Buffer.alloc(32, 3));
    const error = await keys.keyring.unwrapKey({ ...wrapped, keyId: "local:package-kek/00000000000000000000000000000000" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyServiceError);
    expect((error as KeyServiceError).code).toBe("KEY_NOT_FOUND");
  });
});

describe("customer-held key", () => {
  it("wraps to the customer's public key, which only the customer's private key opens, and never unwraps", async () => {
    const customer = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const held = new CustomerHeldKey(customer.publicKey.export({ type: "spki", format: "pem" }).toString());
    const dataKey = Buffer.alloc(32, 9);
    const wrapped = await held.wrapKey(dataKey);
    expect(wrapped.holder).toBe("customer_held");
    expect(rsaOaep256Unwrap(customer.privateKey, wrapped.wrapped)?.equals(dataKey)).toBe(true);
    const error = await held.unwrapKey(wrapped).catch((e: unknown) => e);
    expect((error as KeyServiceError).code).toBe("CUSTOMER_HELD_KEY");
    expect((error as Error).message).toMatch(/does not hold that key/);
  });
});

describe("re-wrapping for delivery", () => {
  it("wraps a data key so that the requester's private key opens it", () => {
    const requester = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const dataKey = Buffer.alloc(32, 5);
    const wrapped = wrapKeyForRecipient(dataKey, requester.publicKey.export({ type: "spki", format: "pem" }).toString());
    expect(wrapped.keyId).toMatch(/^recipient:sha256:[0-9a-f]{64}$/);
    expect(rsaOaep256Unwrap(requester.privateKey, wrapped.wrapped)?.equals(dataKey)).toBe(true);
  });
});

describe("item paths", () => {
  it("accepts relative POSIX paths and refuses everything that could escape or confuse", () => {
    expect(findItemPathProblem("mail/2026/1.eml")).toBeUndefined();
    for (const bad of ["", "..", "../a", "a/../b", "a/./b", "/abs", "a//b", "a/", "C:x", "a\\b", "a\u0000b", "a\nb", "x".repeat(1025)]) {
      expect(findItemPathProblem(bad), JSON.stringify(bad)).toBeDefined();
    }
  });
});
