import { CustomerHeldKey } from "../adapters/keys/customer-held-key";
import type { KeyOption } from "../domain/tenant";
import type { PackageKeyHolder } from "../package/format";
import type { KeyWrapper } from "../ports/key-service";
import { DisclosureError } from "./disclosure-error";

/** Makes the wrapper for a key in a customer's own Key Vault (customer-managed key option). */
export type CustomerVaultKeyFactory = (vaultUrl: string, keyName: string) => KeyWrapper;

/** The wrapper a tenant's packages are sealed under: the provider's key, the customer's vault key, or its public key (R7). */
export function keyWrapperFor(option: KeyOption, provider: KeyWrapper, customerVaultKey: CustomerVaultKeyFactory): KeyWrapper {
  switch (option.kind) {
    case "provider_managed":
      return provider;
    case "customer_managed":
      return customerVaultKey(option.vaultUrl, option.keyName);
    case "customer_held":
      return new CustomerHeldKey(option.publicKeyPem);
  }
}

/** The holder a package's header and manifest name for a wrapper. */
export function packageKeyHolderOf(wrapper: KeyWrapper): PackageKeyHolder {
  if (wrapper.holder === "recipient") throw new DisclosureError("KEY_UNAVAILABLE", "a recipient key cannot seal a package");
  return wrapper.holder;
}
