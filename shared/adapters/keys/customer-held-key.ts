import { createPublicKey } from "node:crypto";
import { publicKeyFingerprint, rsaOaep256Wrap, wrappingKeyProblem } from "../../package/recipient-key";
import { KeyServiceError, WRAP_ALGORITHM, type KeyWrapper, type WrappedKey } from "../../ports/key-service";

/**
 * Wraps data keys to a public key the customer registered (PEM SPKI); the provider has no private half,
 * so unwrapping always fails with CUSTOMER_HELD_KEY (R7).
 */
export class CustomerHeldKey implements KeyWrapper {
  readonly holder = "customer_held" as const;
  private readonly keyId: string;

  constructor(private readonly publicKeyPem: string) {
    const key = createPublicKey(publicKeyPem);
    const problem = wrappingKeyProblem(key);
    if (problem !== null) throw new KeyServiceError("KEY_SERVICE_FAILED", `a customer-held key ${problem}`);
    this.keyId = `customer-held:${publicKeyFingerprint(key)}`;
  }

  async wrapKey(dataKey: Uint8Array): Promise<WrappedKey> {
    return { holder: this.holder, keyId: this.keyId, algorithm: WRAP_ALGORITHM, wrapped: rsaOaep256Wrap(this.publicKeyPem, dataKey) };
  }

  async unwrapKey(wrapped: WrappedKey): Promise<Uint8Array> {
    throw new KeyServiceError(
      "CUSTOMER_HELD_KEY",
      `the data key is wrapped under the customer-held key ${wrapped.keyId}; the provider does not hold that key and cannot unwrap it`,
    );
  }

  recognisesKeyId(keyId: string): boolean {
    return keyId === this.keyId;
  }
}
