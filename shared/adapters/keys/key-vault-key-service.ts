import { createPublicKey } from "node:crypto";
import type { TokenCredential } from "@azure/identity";
import { CryptographyClient, KeyClient, parseKeyVaultKeyIdentifier, type KeyClientOptions, type KeyVaultKey } from "@azure/keyvault-keys";
import {
  KeyServiceError,
  SIGN_ALGORITHM,
  WRAP_ALGORITHM,
  type DigestSignature,
  type KeyService,
  type KeyWrapper,
  type PackageSigner,
  type SigningKeyVersion,
  type WrappedKey,
} from "../../ports/key-service";
import { restStatus, toKeyServiceError } from "./key-vault-errors";

/** One Key Vault key and how to reach it (the customer's own vault may need its own credential). */
export interface KeyVaultKeyRef {
  vaultUrl: string;
  keyName: string;
  credential: TokenCredential;
  /** Client options, e.g. `disableChallengeResourceVerification` or `tlsOptions` for a test vault. */
  clientOptions?: KeyClientOptions;
}

/** Clock used for the key's validity window (the SDK refuses expired versions; this names the failure). */
export type Clock = () => Date;

/** A versioned RSA key in Key Vault: fetches it, checks its validity window, runs one operation remotely. */
class VaultKey {
  private readonly keyClient: KeyClient;
  private readonly vaultUrl: string;

  constructor(
    readonly ref: KeyVaultKeyRef,
    private readonly now: Clock,
  ) {
    this.keyClient = new KeyClient(ref.vaultUrl, ref.credential, ref.clientOptions);
    this.vaultUrl = normaliseVaultUrl(ref.vaultUrl);
  }

  /** True when `keyId` is a versioned id of this key in this vault. */
  owns(keyId: string): boolean {
    try {
      const parsed = parseKeyVaultKeyIdentifier(keyId);
      return normaliseVaultUrl(parsed.vaultUrl) === this.vaultUrl && parsed.name === this.ref.keyName && (parsed.version ?? "") !== "";
    } catch {
      // parseKeyVaultKeyIdentifier throws for anything that is not a Key Vault key URL: simply not ours.
      return false;
    }
  }

  /** The current version (for wrap and sign) or an exact version (for unwrap); undefined when reading keys is not permitted. */
  async fetch(version: string | undefined, operation: string): Promise<KeyVaultKey | undefined> {
    const label = `${this.ref.vaultUrl.replace(/\/$/, "")}/keys/${this.ref.keyName}${version === undefined ? "" : `/${version}`}`;
    let key: KeyVaultKey;
    try {
      key = await this.keyClient.getKey(this.ref.keyName, version === undefined ? {} : { version });
    } catch (error) {
      // Without keys/get the SDK can still run the operation remotely; a real revocation then fails there with 403.
      if (restStatus(error) === 403 && version !== undefined) return undefined;
      throw toKeyServiceError(error, label, operation);
    }
    this.assertUsable(key, operation);
    return key;
  }

  /** Every enabled version's public key with its creation time, as the vault has it (a version it will not give is left out). */
  async publicVersions(): Promise<{ key: KeyVaultKey; createdOn?: Date }[]> {
    const found: { key: KeyVaultKey; createdOn?: Date }[] = [];
    try {
      for await (const properties of this.keyClient.listPropertiesOfKeyVersions(this.ref.keyName)) {
        if (properties.enabled === false || properties.version === undefined) continue;
        try {
          const key = await this.keyClient.getKey(this.ref.keyName, { version: properties.version });
          found.push({ key, ...(properties.createdOn !== undefined ? { createdOn: properties.createdOn } : {}) });
        } catch (error) {
          const status = restStatus(error);
          if (status !== 403 && status !== 404) throw error;
        }
      }
    } catch (error) {
      throw error instanceof KeyServiceError ? error : toKeyServiceError(error, `${this.ref.vaultUrl.replace(/\/$/, "")}/keys/${this.ref.keyName}`, "list");
    }
    return found;
  }

  /** A CryptographyClient for a fetched key, or for a bare id when the key could not be read. */
  crypto(key: KeyVaultKey | string): CryptographyClient {
    return new CryptographyClient(key, this.ref.credential, this.ref.clientOptions);
  }

  private assertUsable(key: KeyVaultKey, operation: string): void {
    const { expiresOn, notBefore, enabled } = key.properties;
    const now = this.now();
    if (expiresOn !== undefined && now > expiresOn) {
      throw new KeyServiceError(
        "KEY_EXPIRED",
        `key version ${key.id} expired at ${expiresOn.toISOString()}; the Key Vault client refuses expired versions even for unwrap: extend that version's expiry to open its packages`,
      );
    }
    if (notBefore !== undefined && now < notBefore) throw new KeyServiceError("KEY_NOT_YET_VALID", `key version ${key.id} is not valid before ${notBefore.toISOString()}`);
    if (enabled === false) throw new KeyServiceError("KEY_ACCESS_REVOKED", `key version ${key.id} is disabled`);
    // The client refuses an operation the key's key_ops leave out with a plain Error; the key's owner has withheld it.
    const permitted = key.keyOperations;
    if (operation !== "get" && permitted !== undefined && !permitted.includes(operation as (typeof permitted)[number])) {
      throw new KeyServiceError("KEY_ACCESS_REVOKED", `key version ${key.id} does not permit ${operation} (its permitted operations are ${permitted.join(", ") || "none"})`);
    }
  }
}

/**
 * Wraps package data keys with RSA-OAEP-256 performed inside Key Vault (the key never leaves it). The same adapter
 * serves provider-managed keys and customer-managed keys in the customer's own vault; only the config differs.
 */
export class KeyVaultKeyWrapper implements KeyWrapper {
  private readonly key: VaultKey;

  constructor(
    readonly holder: "provider_managed" | "customer_managed",
    ref: KeyVaultKeyRef,
    now: Clock = () => new Date(),
  ) {
    this.key = new VaultKey(ref, now);
  }

  async wrapKey(dataKey: Uint8Array): Promise<WrappedKey> {
    const key = (await this.key.fetch(undefined, "wrapKey")) as KeyVaultKey;
    try {
      const result = await this.key.crypto(key).wrapKey(WRAP_ALGORITHM, dataKey);
      // The vault answers with the full versioned id; it is stored so that rotation never orphans this package.
      return { holder: this.holder, keyId: result.keyID ?? key.id ?? "", algorithm: WRAP_ALGORITHM, wrapped: result.result };
    } catch (error) {
      throw toKeyServiceError(error, key.id ?? this.key.ref.keyName, "wrapKey");
    }
  }

  async unwrapKey(wrapped: WrappedKey): Promise<Uint8Array> {
    if (!this.key.owns(wrapped.keyId)) {
      throw new KeyServiceError("KEY_ID_NOT_RECOGNISED", `${wrapped.keyId} is not a version of ${this.key.ref.keyName} in ${this.key.ref.vaultUrl}`);
    }
    const version = parseKeyVaultKeyIdentifier(wrapped.keyId).version;
    const key = await this.key.fetch(version, "unwrapKey");
    try {
      const result = await this.key.crypto(key ?? wrapped.keyId).unwrapKey(WRAP_ALGORITHM, wrapped.wrapped);
      return result.result;
    } catch (error) {
      throw toKeyServiceError(error, wrapped.keyId, "unwrapKey");
    }
  }

  recognisesKeyId(keyId: string): boolean {
    return this.key.owns(keyId);
  }
}

const LISTING_TTL_MS = 300_000;

/** Signs package headers and manifests with PS256 using the provider's signing key in Key Vault. */
export class KeyVaultSigner implements PackageSigner {
  private readonly key: VaultKey;
  private listed: { at: number; versions: Promise<SigningKeyVersion[]> } | undefined;

  constructor(
    ref: KeyVaultKeyRef,
    private readonly now: Clock = () => new Date(),
  ) {
    this.key = new VaultKey(ref, now);
  }

  async sign(digest: Uint8Array): Promise<DigestSignature> {
    const key = (await this.key.fetch(undefined, "sign")) as KeyVaultKey;
    try {
      const result = await this.key.crypto(key).sign(SIGN_ALGORITHM, digest);
      return { keyId: result.keyID ?? key.id ?? "", algorithm: SIGN_ALGORITHM, signature: result.result };
    } catch (error) {
      throw toKeyServiceError(error, key.id ?? this.key.ref.keyName, "sign");
    }
  }

  async getSigningPublicKeyPem(): Promise<string> {
    return publicPemOf((await this.key.fetch(undefined, "get")) as KeyVaultKey);
  }

  listSigningPublicKeys(): Promise<SigningKeyVersion[]> {
    // The anonymous key endpoint lists on each request: kept for as long as it lets clients cache (cache-control
    // max-age=300), so requests cannot spend the vault's request budget that signing and unwrapping share.
    const at = this.now().getTime();
    if (this.listed !== undefined && at - this.listed.at < LISTING_TTL_MS) return this.listed.versions;
    const versions = this.listVersions();
    this.listed = { at, versions };
    versions.catch(() => {
      if (this.listed?.versions === versions) this.listed = undefined;
    });
    return versions;
  }

  private async listVersions(): Promise<SigningKeyVersion[]> {
    const current = (await this.key.fetch(undefined, "get")) as KeyVaultKey;
    const versions = await this.key.publicVersions();
    const entry = (key: KeyVaultKey, createdOn?: Date): SigningKeyVersion => ({ keyId: key.id ?? "", pem: publicPemOf(key), ...(createdOn !== undefined ? { createdOn } : {}) });
    const own = versions.find((v) => v.key.id === current.id);
    return [entry(current, own?.createdOn ?? current.properties.createdOn), ...versions.filter((v) => v.key.id !== current.id).map((v) => entry(v.key, v.createdOn))];
  }

  async getSigningPublicKeyPemOf(keyId: string): Promise<string | null> {
    if (!this.key.owns(keyId)) return null;
    try {
      const key = await this.key.fetch(parseKeyVaultKeyIdentifier(keyId).version, "get");
      return key === undefined ? null : publicPemOf(key);
    } catch (error) {
      // A version the vault does not have signed nothing of ours; the caller then checks against the current key.
      if (error instanceof KeyServiceError && error.code === "KEY_NOT_FOUND") return null;
      throw error;
    }
  }
}

/** The public half of a fetched RSA key as PEM SPKI. */
function publicPemOf(key: KeyVaultKey): string {
  const jwk = key.key;
  if (jwk?.n === undefined || jwk.e === undefined) throw new KeyServiceError("KEY_SERVICE_FAILED", `signing key ${key.id ?? ""} is not an RSA key`);
  const publicKey = createPublicKey({
    key: { kty: "RSA", n: Buffer.from(jwk.n).toString("base64url"), e: Buffer.from(jwk.e).toString("base64url") },
    format: "jwk",
  });
  return publicKey.export({ type: "spki", format: "pem" }).toString();
}

/** The KeyService port over Key Vault: a wrapping key (provider's or customer's vault) and the provider's signing key. */
export class KeyVaultKeyService implements KeyService {
  constructor(
    private readonly wrapper: KeyVaultKeyWrapper,
    private readonly signer: KeyVaultSigner,
  ) {}

  get holder(): KeyVaultKeyWrapper["holder"] {
    return this.wrapper.holder;
  }

  wrapKey(dataKey: Uint8Array): Promise<WrappedKey> {
    return this.wrapper.wrapKey(dataKey);
  }

  unwrapKey(wrapped: WrappedKey): Promise<Uint8Array> {
    return this.wrapper.unwrapKey(wrapped);
  }

  recognisesKeyId(keyId: string): boolean {
    return this.wrapper.recognisesKeyId(keyId);
  }

  sign(digest: Uint8Array): Promise<DigestSignature> {
    return this.signer.sign(digest);
  }

  getSigningPublicKeyPem(): Promise<string> {
    return this.signer.getSigningPublicKeyPem();
  }

  listSigningPublicKeys(): Promise<SigningKeyVersion[]> {
    return this.signer.listSigningPublicKeys();
  }

  getSigningPublicKeyPemOf(keyId: string): Promise<string | null> {
    return this.signer.getSigningPublicKeyPemOf(keyId);
  }
}

function normaliseVaultUrl(url: string): string {
  return url.toLowerCase().replace(/\/+$/, "");
}
