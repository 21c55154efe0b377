/** Who holds the key-encryption key a data key is wrapped under (R7). */
export type KeyHolder = "provider_managed" | "customer_managed" | "customer_held" | "local" | "recipient";

/** The only key-wrapping algorithm packages use: RSAES-OAEP with SHA-256 and MGF1-SHA-256. */
export const WRAP_ALGORITHM = "RSA-OAEP-256";

/** The only signature algorithm packages use: RSASSA-PSS, SHA-256, 32-byte salt (RFC 7518). */
export const SIGN_ALGORITHM = "PS256";

/** A data key wrapped by one key-encryption key; keyId is the full, versioned key id. */
export interface WrappedKey {
  holder: KeyHolder;
  keyId: string;
  algorithm: typeof WRAP_ALGORITHM;
  wrapped: Uint8Array;
}

/** A signature over a SHA-256 digest, with the full versioned id of the signing key. */
export interface DigestSignature {
  keyId: string;
  algorithm: typeof SIGN_ALGORITHM;
  signature: Uint8Array;
}

/** Wraps and unwraps package data keys under one key-encryption key. */
export interface KeyWrapper {
  /** Who holds the key-encryption key. */
  readonly holder: KeyHolder;
  /** Wraps a data key under the current version of the key-encryption key. */
  wrapKey(dataKey: Uint8Array): Promise<WrappedKey>;
  /** Unwraps with exactly the key version named in `wrapped.keyId`. */
  unwrapKey(wrapped: WrappedKey): Promise<Uint8Array>;
  /** True when `keyId` names a key this wrapper can be asked to unwrap with. */
  recognisesKeyId(keyId: string): boolean;
}

/** One version of the provider's signing key, for verifiers; createdOn when the key service knows it. */
export interface SigningKeyVersion {
  keyId: string;
  pem: string;
  createdOn?: Date;
}

/** Signs package headers and manifests with the provider's signing key. */
export interface PackageSigner {
  /** Signs a SHA-256 digest with PS256. */
  sign(digest: Uint8Array): Promise<DigestSignature>;
  /** The signing key's public half as PEM SPKI, for verifiers. */
  getSigningPublicKeyPem(): Promise<string>;
  /** The public half (PEM SPKI) of the signing key version a signature's keyId names, or null when it names none of them. */
  getSigningPublicKeyPemOf?(keyId: string): Promise<string | null>;
  /** Every version of the signing key whose public half can be read, the current one first (a rotation keeps the others). */
  listSigningPublicKeys?(): Promise<SigningKeyVersion[]>;
}

/** The port: wrapping under the tenant's key option plus the provider's signing key. */
export interface KeyService extends KeyWrapper, PackageSigner {}

/** Stable codes of key failures; callers branch on these, never on messages. */
export type KeyErrorCode =
  | "KEY_ACCESS_REVOKED"
  | "KEY_NOT_FOUND"
  | "KEY_EXPIRED"
  | "KEY_NOT_YET_VALID"
  | "KEY_ID_NOT_RECOGNISED"
  | "CUSTOMER_HELD_KEY"
  | "KEY_SERVICE_FAILED";

/** A key failure with a stable code; the message names the key id but never key material or tokens. */
export class KeyServiceError extends Error {
  override readonly name = "KeyServiceError";

  constructor(
    readonly code: KeyErrorCode,
    message: string,
  ) {
    super(message);
  }
}
