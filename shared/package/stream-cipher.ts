import { createCipheriv, createDecipheriv, hkdfSync } from "node:crypto";
import { NONCE_PREFIX_BYTES, PAYLOAD_KEY_INFO, TAG_BYTES } from "./format";

/** Derives the payload key from the data key and the header hash (format §3). */
export function derivePayloadKey(dataKey: Uint8Array, headerHash: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", dataKey, headerHash, PAYLOAD_KEY_INFO, 32));
}

/** The 12-byte nonce of segment `index`: prefix || u32be(index) || final flag. */
export function segmentNonce(prefix: Uint8Array, index: number, final: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.set(prefix.subarray(0, NONCE_PREFIX_BYTES), 0);
  nonce.writeUInt32BE(index, NONCE_PREFIX_BYTES);
  nonce[11] = final ? 1 : 0;
  return nonce;
}

/** Encrypts one full segment; returns ciphertext and tag as two buffers (written back to back). */
export function encryptSegment(key: Buffer, prefix: Uint8Array, index: number, final: boolean, plaintext: Uint8Array): [Buffer, Buffer] {
  const cipher = createCipheriv("aes-256-gcm", key, segmentNonce(prefix, index, final));
  const body = cipher.update(plaintext);
  cipher.final();
  return [body, cipher.getAuthTag()];
}

/** Decrypts one segment (ciphertext || tag); undefined when it does not authenticate under that flag. */
export function decryptSegment(key: Buffer, prefix: Uint8Array, index: number, final: boolean, segment: Uint8Array): Buffer | undefined {
  const decipher = createDecipheriv("aes-256-gcm", key, segmentNonce(prefix, index, final));
  decipher.setAuthTag(segment.subarray(segment.length - TAG_BYTES));
  const body = decipher.update(segment.subarray(0, segment.length - TAG_BYTES));
  try {
    decipher.final();
  } catch {
    // final() throws only on a failed tag check; the caller turns that into a precise message.
    return undefined;
  }
  return body;
}
