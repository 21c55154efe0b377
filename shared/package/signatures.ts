import { constants, createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import type { DigestSignature, PackageSigner } from "../ports/key-service";
import { SIGNING_CONTEXT, SIGNING_CONTEXT_V2, type PackageVersion, type SignatureBlock } from "./format";
import { publicKeyFingerprint } from "./recipient-key";

/** Which of the two signed messages (format §5). */
export type SignedPart = "header" | "manifest";

/** The SHA-256 digest a signer signs: of the context prefix followed by the signed bytes (format §5). */
export function signedDigest(context: Uint8Array, data: Uint8Array): Buffer {
  return createHash("sha256").update(context).update(data).digest();
}

/** Converts a signer's result into the JSON signature block of the format. */
export function toSignatureBlock(signature: DigestSignature): SignatureBlock {
  return { keyId: signature.keyId, algorithm: signature.algorithm, signature: Buffer.from(signature.signature).toString("base64") };
}

function lengthPrefixed(text: string): Buffer {
  const bytes = Buffer.from(text, "utf8");
  const prefix = Buffer.allocUnsafe(4);
  prefix.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([prefix, bytes]);
}

/**
 * The message a signature block signs. Version 1: context || data. Versions 2 and 3: context || u32be-prefixed key
 * id || u32be-prefixed algorithm || data, so no byte of the block but the signature itself is left unsigned (the
 * version itself is in the magic, which the header hash covers).
 */
export function signedMessage(version: PackageVersion, part: SignedPart, block: Pick<SignatureBlock, "keyId" | "algorithm">, data: Uint8Array): Buffer {
  if (version === 1) return Buffer.concat([SIGNING_CONTEXT[part], data]);
  return Buffer.concat([SIGNING_CONTEXT_V2[part], lengthPrefixed(block.keyId), lengthPrefixed(block.algorithm), data]);
}

/** True when the block is a valid PS256 signature by `publicKey` over the version's message for `data`. */
export function verifySignatureBlock(version: PackageVersion, part: SignedPart, data: Uint8Array, block: SignatureBlock, publicKey: KeyObject): boolean {
  return verify(
    "sha256",
    signedMessage(version, part, block, data),
    { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    Buffer.from(block.signature, "base64"),
  );
}

/**
 * Signs `data` as a version 2 block. Its key id is the fingerprint of the provider's signing public key
 * ("sha256:<hex of the SPKI DER>"), known before signing so the signature can cover it; the signature is checked
 * against that key, so a key rotated between the two calls is noticed (and the signing retried once).
 */
export async function signBlockV2(signer: PackageSigner, part: SignedPart, data: Uint8Array): Promise<SignatureBlock> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const publicKey = createPublicKey(await signer.getSigningPublicKeyPem());
    const unsigned = { keyId: publicKeyFingerprint(publicKey), algorithm: "PS256" as const };
    const signed = await signer.sign(createHash("sha256").update(signedMessage(2, part, unsigned, data)).digest());
    const block: SignatureBlock = { ...unsigned, signature: Buffer.from(signed.signature).toString("base64") };
    if (signed.algorithm === "PS256" && verifySignatureBlock(2, part, data, block, publicKey)) return block;
  }
  throw new Error("the signing key changed while a package was being signed");
}
