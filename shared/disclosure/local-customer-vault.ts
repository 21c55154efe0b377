import { createHash } from "node:crypto";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { LocalKeyring } from "../adapters/keys/local-keyring";
import { KeyServiceError, type KeyWrapper, type WrappedKey } from "../ports/key-service";
import type { CustomerVaultKeyFactory } from "./key-wrapper-for";

/**
 * Local stand-in for customers' own Key Vaults (no vault is reachable under `npm start`): one development keyring
 * per vault URL and key name below `directory`. Creating the file `<keyring dir>/revoked` plays the customer
 * revoking the provider's access: every wrap and unwrap then fails with KEY_ACCESS_REVOKED, as a 403 from the vault would.
 */
export function localCustomerVaultKeys(directory: string, modulusLength?: number): CustomerVaultKeyFactory {
  const keys = new Map<string, KeyWrapper>();
  return (vaultUrl, keyName) => {
    const name = localVaultDirName(vaultUrl, keyName);
    const dir = join(directory, name);
    let key = keys.get(dir);
    if (key === undefined) {
      key = new LocalCustomerVaultKey(dir, name, `${vaultUrl.replace(/\/+$/, "")}/keys/${keyName}`, modulusLength);
      keys.set(dir, key);
    }
    return key;
  };
}

/** The folder (below the factory's directory) that holds one customer vault key's keyring. */
export function localVaultDirName(vaultUrl: string, keyName: string): string {
  return createHash("sha256").update(`${vaultUrl.toLowerCase().replace(/\/+$/, "")}|${keyName}`).digest("hex").slice(0, 16);
}

class LocalCustomerVaultKey implements KeyWrapper {
  readonly holder = "customer_managed" as const;
  private readonly keyring: LocalKeyring;

  constructor(
    private readonly dir: string,
    name: string,
    private readonly label: string,
    modulusLength: number | undefined,
  ) {
    // A key name of its own, so the provider's keyring never mistakes a customer's key id for one of its keys.
    this.keyring = new LocalKeyring({ directory: dir, wrapKeyName: `customer-${name}`, ...(modulusLength === undefined ? {} : { modulusLength }) });
  }

  async wrapKey(dataKey: Uint8Array): Promise<WrappedKey> {
    await this.assertNotRevoked("wrapKey");
    return { ...(await this.keyring.wrapKey(dataKey)), holder: this.holder };
  }

  async unwrapKey(wrapped: WrappedKey): Promise<Uint8Array> {
    await this.assertNotRevoked("unwrapKey");
    return this.keyring.unwrapKey(wrapped);
  }

  recognisesKeyId(keyId: string): boolean {
    return this.keyring.recognisesKeyId(keyId);
  }

  private async assertNotRevoked(operation: string): Promise<void> {
    const revoked = await access(join(this.dir, "revoked")).then(
      () => true,
      // access() rejects exactly when the marker is absent (or unreachable): the key is usable.
      () => false,
    );
    if (revoked) throw new KeyServiceError("KEY_ACCESS_REVOKED", `the customer revoked the provider's access to ${this.label} (${operation} refused)`);
  }
}
