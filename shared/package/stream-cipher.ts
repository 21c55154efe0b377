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

/**
 * Plaintext bytes per cipher update. Node allocates a new output buffer per update: at this size it comes from the
 * allocator's reused memory, where a whole large segment at once would be fresh pages (slower than the cipher).
 */
export const UPDATE_BYTES = 64 * 1024;

/** Encrypts one full segment; returns the ciphertext in pieces, the tag last (written back to back). */
export function encryptSegment(key: Buffer, prefix: Uint8Array, index: number, final: boolean, plaintext: Uint8Array): Buffer[] {
  const cipher = createCipheriv("aes-256-gcm", key, segmentNonce(prefix, index, final));
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < plaintext.length; offset += UPDATE_BYTES) pieces.push(cipher.update(plaintext.subarray(offset, offset + UPDATE_BYTES)));
  cipher.final();
  pieces.push(cipher.getAuthTag());
  return pieces;
}

/** Decrypts one segment (ciphertext || tag) into pieces of at most UPDATE_BYTES; undefined when it does not authenticate under that flag. */
export function decryptSegment(key: Buffer, prefix: Uint8Array, index: number, final: boolean, segment: Uint8Array): Buffer[] | undefined {
  const decipher = createDecipheriv("aes-256-gcm", key, segmentNonce(prefix, index, final));
  const end = segment.length - TAG_BYTES;
  decipher.setAuthTag(segment.subarray(end));
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < end; offset += UPDATE_BYTES) pieces.push(decipher.update(segment.subarray(offset, Math.min(offset + UPDATE_BYTES, end))));
  try {
    decipher.final();
  } catch {
    // final() throws only on a failed tag check; the caller turns that into a precise message.
    return undefined;
  }
  return pieces;
}
