import { constants, createHash, createPublicKey, privateDecrypt, publicEncrypt, type KeyObject } from "node:crypto";
import { WRAP_ALGORITHM, type WrappedKey } from "../ports/key-service";
import type { PackageHeader, WrappedKeyFile } from "./format";
import { PackageError } from "./package-error";

/** The smallest and largest RSA modulus a delivery key may have (format §9: RSA-OAEP-256; below 2048 bits is breakable). */
export const MIN_RECIPIENT_KEY_BITS = 2048;
export const MAX_RECIPIENT_KEY_BITS = 16384;

/**
 * Why a PEM cannot be a key a data key is wrapped to (a requester's delivery key, a customer-held key): it must be an
 * RSA SPKI public key of 2048–16384 bits with an odd public exponent of at least 3 (with e = 1 "encryption" is the
 * identity and the wrapped key is readable by anyone); null when it can.
 */
export function recipientKeyProblem(publicKeyPem: string): string | null {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: publicKeyPem, format: "pem" });
  } catch {
    return "is not a readable PEM public key";
  }
  return wrappingKeyProblem(key);
}

/** As recipientKeyProblem, for a parsed public key. */
export function wrappingKeyProblem(key: KeyObject): string | null {
  if (key.asymmetricKeyType !== "rsa") return `must be an RSA key (RSA-OAEP-256), not ${key.asymmetricKeyType ?? "an unknown type"}`;
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RECIPIENT_KEY_BITS || bits > MAX_RECIPIENT_KEY_BITS) {
    return `must be an RSA key of ${MIN_RECIPIENT_KEY_BITS} to ${MAX_RECIPIENT_KEY_BITS} bits, not ${bits}`;
  }
  const exponent = key.asymmetricKeyDetails?.publicExponent ?? 0n;
  if (exponent < 3n || exponent % 2n === 0n) return `must have an odd public exponent of at least 3, not ${exponent}`;
  return null;
}

/** RSA-OAEP-256 encryption of a data key to a public key (PEM SPKI or KeyObject). */
export function rsaOaep256Wrap(publicKey: string | KeyObject, dataKey: Uint8Array): Buffer {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, dataKey);
}

/** RSA-OAEP-256 decryption of a wrapped data key; undefined when this private key does not open it. */
export function rsaOaep256Unwrap(privateKey: KeyObject, wrapped: Uint8Array): Buffer | undefined {
  try {
    const key = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, wrapped);
    return key.length === 32 ? key : undefined;
  } catch {
    // OAEP decoding fails for every wrong key; the caller reports "cannot unwrap" once.
    return undefined;
  }
}

/** A stable label for a public key: recipient:sha256:<hex of the SPKI DER digest>. */
export function publicKeyFingerprint(publicKeyPem: string | KeyObject): string {
  const key = typeof publicKeyPem !== "string" && publicKeyPem.type === "public" ? publicKeyPem : createPublicKey(publicKeyPem);
  const der = key.export({ type: "spki", format: "der" });
  return `sha256:${createHash("sha256").update(der).digest("hex")}`;
}

/** Re-wraps an unwrapped data key to a requester's registered public key (PEM SPKI) for delivery. */
export function wrapKeyForRecipient(dataKey: Uint8Array, recipientPublicKeyPem: string): WrappedKey {
  return {
    holder: "recipient",
    keyId: `recipient:${publicKeyFingerprint(recipientPublicKeyPem)}`,
    algorithm: WRAP_ALGORITHM,
    wrapped: rsaOaep256Wrap(recipientPublicKeyPem, dataKey),
  };
}

/** The delivery key file (format §9) for one package. */
export function toWrappedKeyFile(packageId: string, wrapped: WrappedKey): WrappedKeyFile {
  return {
    format: "lrw-wrapped-key",
    version: 1,
    packageId,
    keyId: wrapped.keyId,
    algorithm: WRAP_ALGORITHM,
    wrappedKey: Buffer.from(wrapped.wrapped).toString("base64"),
  };
}

/** Recovers the data key with a private key: from the delivery key file if given, else from any header entry. */
export function unwrapWithPrivateKey(header: PackageHeader, privateKey: KeyObject, keyFile?: WrappedKeyFile): Buffer {
  if (keyFile !== undefined && keyFile.packageId !== header.packageId) {
    throw new PackageError("WRAPPED_KEY_FILE_INVALID", "the wrapped key file belongs to another package");
  }
  const candidates = keyFile !== undefined ? [keyFile.wrappedKey] : header.wrappedKeys.map((entry) => entry.wrappedKey);
  for (const candidate of candidates) {
    const dataKey = rsaOaep256Unwrap(privateKey, Buffer.from(candidate, "base64"));
    if (dataKey !== undefined) return dataKey;
  }
  throw new PackageError("KEY_UNWRAP_FAILED", "cannot unwrap the data key with this private key");
}
