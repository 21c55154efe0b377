import { constants, createHash, verify, type KeyObject } from "node:crypto";
import type { DigestSignature } from "../ports/key-service";
import type { SignatureBlock } from "./format";

/** The SHA-256 digest a signer signs: of the context prefix followed by the signed bytes (format §5). */
export function signedDigest(context: Uint8Array, data: Uint8Array): Buffer {
  return createHash("sha256").update(context).update(data).digest();
}

/** Converts a signer's result into the JSON signature block of the format. */
export function toSignatureBlock(signature: DigestSignature): SignatureBlock {
  return { keyId: signature.keyId, algorithm: signature.algorithm, signature: Buffer.from(signature.signature).toString("base64") };
}

/** True when the block is a valid PS256 signature by `publicKey` over context || data. */
export function verifySignatureBlock(context: Uint8Array, data: Uint8Array, block: SignatureBlock, publicKey: KeyObject): boolean {
  const message = Buffer.concat([context, data]);
  return verify("sha256", message, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, Buffer.from(block.signature, "base64"));
}
