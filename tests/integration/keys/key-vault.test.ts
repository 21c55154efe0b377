import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { Readable } from "node:stream";
import type { TokenCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CustomerHeldKey } from "../../../shared/adapters/keys/customer-held-key";
import { KeyVaultKeyService, KeyVaultKeyWrapper, KeyVaultSigner, type KeyVaultKeyRef } from "../../../shared/adapters/keys/key-vault-key-service";
import { createDeliveryKeyFile } from "../../../shared/package/delivery-key";
import { createDiscardSink } from "../../../shared/package/discard-sink";
import { openPackage } from "../../../shared/package/open-package";
import { unwrapWithPrivateKey } from "../../../shared/package/recipient-key";
import { sealPackage } from "../../../shared/package/seal-package";
import { KeyServiceError } from "../../../shared/ports/key-service";
import { collectOutput } from "../../unit/package/package-fixtures";
import { createTestCertificate } from "../../support/https-test-cert";
import { KeyVaultTestServer, TEST_TOKEN } from "./key-vault-test-server";

const credential: TokenCredential = {
  getToken: async () => ({ token: TEST_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

let server: KeyVaultTestServer;
let ref: (keyName: string) => KeyVaultKeyRef;

beforeAll(async () => {
  const certificate = await createTestCertificate();
  server = new KeyVaultTestServer(certificate);
  await server.start();
  // The real client trusts the test certificate through its own tlsOptions; no process-wide TLS setting is changed.
  ref = (keyName) => ({
    vaultUrl: server.vaultUrl,
    keyName,
    credential,
    clientOptions: { disableChallengeResourceVerification: true, tlsOptions: { ca: certificate.cert }, retryOptions: { maxRetries: 0 } },
  });
}, 60_000);

afterAll(async () => {
  await server.stop();
});

async function errorOf(promise: Promise<unknown>): Promise<KeyServiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeyServiceError);
  return error as KeyServiceError;
}

describe("Key Vault key service (real @azure/keyvault-keys against a local HTTPS vault)", () => {
  it("answers the bearer challenge, then wraps and unwraps in the vault with RSA-OAEP-256", async () => {
    const keyId = server.createVersion("kek-roundtrip");
    const wrapper = new KeyVaultKeyWrapper("provider_managed", ref("kek-roundtrip"));
    const dataKey = Buffer.alloc(32, 7);
    const wrapped = await wrapper.wrapKey(dataKey);
    expect(wrapped.keyId).toBe(keyId);
    expect(Buffer.from(await wrapper.unwrapKey(wrapped)).equals(dataKey)).toBe(true);
    const version = keyId.split("/").at(-1) as string;
    expect(server.requests).toEqual(
      expect.arrayContaining([`POST /keys/kek-roundtrip/${version}/wrapkey`, `POST /keys/kek-roundtrip/${version}/unwrapkey`, `GET /keys/kek-roundtrip/${version}`]),
    );
  });

  it("seals with a vault-wrapped key and a vault signature that a requester verifies offline", async () => {
    server.createVersion("kek-seal");
    server.createVersion("signing");
    const service = new KeyVaultKeyService(new KeyVaultKeyWrapper("provider_managed", ref("kek-seal")), new KeyVaultSigner(ref("signing")));
    const { output, bytes } = collectOutput();
    await sealPackage({
      demandId: "dem-kv",
      orderReference: "SW-KV",
      createdAt: new Date("2026-11-21T00:00:00Z"),
      collected: { from: "2026-01-01", to: "2026-01-31" },
      keyOption: "provider_managed",
      wrappers: [service],
      signer: service,
      items: [{ path: "a.txt", category: "billing", source: "billing", content: Readable.from([Buffer.from("invoice")]) }],
      output,
    });
    const packageBytes = await bytes;
    const requester = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyFile = await createDeliveryKeyFile(Readable.from([packageBytes]), service, requester.publicKey.export({ type: "spki", format: "pem" }).toString());
    const result = await openPackage(Readable.from([packageBytes]), {
      resolveDataKey: async (header) => unwrapWithPrivateKey(header, requester.privateKey, keyFile),
      providerPublicKey: createPublicKey(await service.getSigningPublicKeyPem()),
      sink: createDiscardSink(),
    });
    expect(result.signaturesChecked).toBe(true);
    expect(result.header.wrappedKeys[0]?.keyId).toMatch(new RegExp(`^${server.vaultUrl}/keys/kek-seal/[0-9a-f]{32}$`));
  });

  it("R12: hands out the public half of an earlier signing key version, for checkpoints signed before a rotation", async () => {
    const oldId = server.createVersion("signing-rotate");
    const signer = new KeyVaultSigner(ref("signing-rotate"));
    const oldPem = await signer.getSigningPublicKeyPem();
    server.createVersion("signing-rotate");
    expect(await signer.getSigningPublicKeyPem()).not.toBe(oldPem);
    expect(await signer.getSigningPublicKeyPemOf(oldId)).toBe(oldPem);
    expect(await signer.getSigningPublicKeyPemOf(`${server.vaultUrl}/keys/kek-seal/${"0".repeat(32)}`)).toBeNull();
    // A checkpoint naming a version the vault does not have is not signed by any key of ours: no key, not a failure.
    expect(await signer.getSigningPublicKeyPemOf(`${server.vaultUrl}/keys/signing-rotate/${"0".repeat(32)}`)).toBeNull();
  });

  it("R12: lists every readable signing key version, the current one first, with when each was created", async () => {
    const firstId = server.createVersion("signing-list");
    const signer = new KeyVaultSigner(ref("signing-list"));
    const firstPem = await signer.getSigningPublicKeyPem();
    const disabledId = server.createVersion("signing-list");
    server.disableVersion("signing-list", disabledId.split("/").at(-1) as string);
    const currentId = server.createVersion("signing-list");
    const listed = await signer.listSigningPublicKeys();
    expect(listed.map((v) => v.keyId)).toEqual([currentId, firstId]);
    expect(listed[0]?.pem).toBe(await signer.getSigningPublicKeyPem());
    expect(listed[1]?.pem).toBe(firstPem);
    expect(listed[0]!.createdOn!.getTime()).toBeGreaterThan(listed[1]!.createdOn!.getTime());
    // The anonymous endpoint lists on every request: within the time clients may cache it, the vault is not asked again.
    const asked = server.requests.length;
    await signer.listSigningPublicKeys();
    expect(server.requests.length).toBe(asked);
  });

  it("still unwraps an old package's key after rotation, asking for exactly its version", async () => {
    const oldId = server.createVersion("kek-rotate");
    const wrapper = new KeyVaultKeyWrapper("provider_managed", ref("kek-rotate"));
    const old = await wrapper.wrapKey(Buffer.alloc(32, 1));
    const newId = server.createVersion("kek-rotate");
    const fresh = await wrapper.wrapKey(Buffer.alloc(32, 2));
    expect(old.keyId).toBe(oldId);
    expect(fresh.keyId).toBe(newId);
    expect(Buffer.from(await wrapper.unwrapKey(old)).equals(Buffer.alloc(32, 1))).toBe(true);
    expect(Buffer.from(await wrapper.unwrapKey(fresh)).equals(Buffer.alloc(32, 2))).toBe(true);
  });

  it("names an expired key version with KEY_EXPIRED (the SDK refuses it even for unwrap)", async () => {
    const keyId = server.createVersion("kek-expired");
    const wrapper = new KeyVaultKeyWrapper("provider_managed", ref("kek-expired"));
    const wrapped = await wrapper.wrapKey(Buffer.alloc(32, 3));
    server.expireVersion("kek-expired", keyId.split("/").at(-1) as string, new Date(Date.now() - 60_000));
    const error = await errorOf(wrapper.unwrapKey(wrapped));
    expect(error.code).toBe("KEY_EXPIRED");
    expect(error.message).toContain(keyId);
  });

  it("fails with KEY_ACCESS_REVOKED when the customer revokes access to its own vault key (403), with no secret in the message", async () => {
    server.createVersion("customer-kek");
    const customer = new KeyVaultKeyWrapper("customer_managed", ref("customer-kek"));
    const wrapped = await customer.wrapKey(Buffer.alloc(32, 4));
    expect(wrapped.holder).toBe("customer_managed");
    server.revoke("customer-kek");
    const error = await errorOf(customer.unwrapKey(wrapped));
    expect(error.code).toBe("KEY_ACCESS_REVOKED");
    expect(error.message).not.toContain(TEST_TOKEN);
    expect(error.message).not.toContain(Buffer.from(wrapped.wrapped).toString("base64").slice(0, 16));
    expect((await errorOf(customer.wrapKey(Buffer.alloc(32, 5)))).code).toBe("KEY_ACCESS_REVOKED");
  });

  it("fails with KEY_NOT_FOUND when the key is gone (404)", async () => {
    server.createVersion("kek-gone");
    const wrapper = new KeyVaultKeyWrapper("provider_managed", ref("kek-gone"));
    const wrapped = await wrapper.wrapKey(Buffer.alloc(32, 6));
    server.remove("kek-gone");
    expect((await errorOf(wrapper.unwrapKey(wrapped))).code).toBe("KEY_NOT_FOUND");
  });

  it("refuses a key id from another vault or key", async () => {
    server.createVersion("kek-a");
    const wrapper = new KeyVaultKeyWrapper("provider_managed", ref("kek-a"));
    const wrapped = await wrapper.wrapKey(Buffer.alloc(32, 8));
    const foreign = { ...wrapped, keyId: wrapped.keyId.replace("/keys/kek-a/", "/keys/kek-b/") };
    expect((await errorOf(wrapper.unwrapKey(foreign))).code).toBe("KEY_ID_NOT_RECOGNISED");
  });

  it("cannot unwrap a customer-held key, so delivery cannot re-wrap it", async () => {
    server.createVersion("signing-held");
    const customer = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const held = new CustomerHeldKey(customer.publicKey.export({ type: "spki", format: "pem" }).toString());
    const { output, bytes } = collectOutput();
    const sealed = await sealPackage({
      demandId: "dem-held",
      orderReference: "SW-HELD",
      createdAt: new Date("2026-11-21T00:00:00Z"),
      collected: { from: "2026-01-01", to: "2026-01-31" },
      keyOption: "customer_held",
      wrappers: [held],
      signer: new KeyVaultSigner(ref("signing-held")),
      items: [],
      output,
    });
    expect(sealed.manifest.keyOption.note).toBe("encrypted under a key the provider does not hold");
    const requester = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const error = await errorOf(createDeliveryKeyFile(Readable.from([await bytes]), held, requester.publicKey.export({ type: "spki", format: "pem" }).toString()));
    expect(error.code).toBe("CUSTOMER_HELD_KEY");
  });
});

// A customer may stop the provider using its own vault key not only by removing the role assignment (403) but by
// limiting the key's permitted operations (key_ops), e.g. to everything but unwrapKey. The Key Vault client then
// refuses the operation itself, with a plain Error; the adapter must still answer a KeyServiceError with a stable
// code, so that the disclosure fails as CUSTOMER_KEY_REVOKED and the audit says why (instead of
// "DISCLOSURE_FAILED: Error; nothing was delivered").
describe("a customer-managed key whose permitted operations the customer narrowed", () => {
  it("unwrap after the customer removed unwrapKey from the key's operations fails with KEY_ACCESS_REVOKED", async () => {
    const keyId = server.createVersion("customer-kek-ops-unwrap");
    const customer = new KeyVaultKeyWrapper("customer_managed", ref("customer-kek-ops-unwrap"));
    const wrapped = await customer.wrapKey(Buffer.alloc(32, 4));
    server.restrictOps("customer-kek-ops-unwrap", keyId.split("/").at(-1) as string, ["wrapKey", "encrypt"]);
    const error = await errorOf(customer.unwrapKey(wrapped));
    expect(error.code).toBe("KEY_ACCESS_REVOKED");
    expect(error.message).toContain(keyId);
  });

  it("wrap with a current version that does not permit wrapKey fails with KEY_ACCESS_REVOKED", async () => {
    const keyId = server.createVersion("customer-kek-ops-wrap");
    server.restrictOps("customer-kek-ops-wrap", keyId.split("/").at(-1) as string, ["unwrapKey", "decrypt"]);
    const customer = new KeyVaultKeyWrapper("customer_managed", ref("customer-kek-ops-wrap"));
    const error = await errorOf(customer.wrapKey(Buffer.alloc(32, 5)));
    expect(error.code).toBe("KEY_ACCESS_REVOKED");
  });
});
