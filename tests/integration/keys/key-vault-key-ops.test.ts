import type { TokenCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeyVaultKeyWrapper, type KeyVaultKeyRef } from "../../../shared/adapters/keys/key-vault-key-service";
import { KeyServiceError } from "../../../shared/ports/key-service";
import { createTestCertificate } from "../../support/https-test-cert";
import { KeyVaultTestServer, TEST_TOKEN } from "./key-vault-test-server";

/**
 * A customer may stop the provider using its own vault key not only by removing the role assignment (403) but by
 * limiting the key's permitted operations (key_ops), e.g. to everything but unwrapKey. The Key Vault client then
 * refuses the operation itself, with a plain Error; the adapter must still answer a KeyServiceError with a stable
 * code, so that the disclosure fails as CUSTOMER_KEY_REVOKED and the audit says why (instead of
 * "DISCLOSURE_FAILED: Error; nothing was delivered").
 */

const credential: TokenCredential = {
  getToken: async () => ({ token: TEST_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

let server: KeyVaultTestServer;
let ref: (keyName: string) => KeyVaultKeyRef;

beforeAll(async () => {
  const certificate = await createTestCertificate();
  server = new KeyVaultTestServer(certificate);
  await server.start();
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

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe("a customer-managed key whose permitted operations the customer narrowed", () => {
  it("unwrap after the customer removed unwrapKey from the key's operations fails with KEY_ACCESS_REVOKED", async () => {
    const keyId = server.createVersion("customer-kek-ops-unwrap");
    const customer = new KeyVaultKeyWrapper("customer_managed", ref("customer-kek-ops-unwrap"));
    const wrapped = await customer.wrapKey(Buffer.alloc(32, 4));
    server.restrictOps("customer-kek-ops-unwrap", keyId.split("/").at(-1) as string, ["wrapKey", "encrypt"]);
    const error = await errorOf(customer.unwrapKey(wrapped));
    expect(error).toBeInstanceOf(KeyServiceError);
    expect((error as KeyServiceError).code).toBe("KEY_ACCESS_REVOKED");
    expect((error as Error).message).toContain(keyId);
  });

  it("wrap with a current version that does not permit wrapKey fails with KEY_ACCESS_REVOKED", async () => {
    const keyId = server.createVersion("customer-kek-ops-wrap");
    server.restrictOps("customer-kek-ops-wrap", keyId.split("/").at(-1) as string, ["unwrapKey", "decrypt"]);
    const customer = new KeyVaultKeyWrapper("customer_managed", ref("customer-kek-ops-wrap"));
    const error = await errorOf(customer.wrapKey(Buffer.alloc(32, 5)));
    expect(error).toBeInstanceOf(KeyServiceError);
    expect((error as KeyServiceError).code).toBe("KEY_ACCESS_REVOKED");
  });
});
