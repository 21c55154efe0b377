/**
 * The segment cipher thread's program, as CommonJS source run with `new Worker(source, { eval: true })`: it has to
 * run the same way from compiled JavaScript, under tsx and inside vitest, none of which would load a .ts worker file.
 * It mirrors stream-cipher.ts (format §3): nonce = prefix(7) || u32be(index) || flag, AES-256-GCM, 16-byte tag.
 *
 * Each message transfers one segment in `input` (an ArrayBuffer the main thread reuses); replies go back in the order
 * the messages came, each returning its `input` and, all transferred rather than copied:
 * - seal: `body` and `tag`, the ciphertext and the tag;
 * - open: `plaintext` or, when the tag does not verify under the given flag, `otherFlagOpens`.
 */
export const CIPHER_WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const { createCipheriv, createDecipheriv } = require("node:crypto");
const { mode, key, noncePrefix } = workerData;
const nonce = Buffer.alloc(12);
nonce.set(noncePrefix.subarray(0, 7), 0);

function nonceFor(index, final) {
  nonce.writeUInt32BE(index, 7);
  nonce[11] = final ? 1 : 0;
  return nonce;
}

function ownBuffer(bytes) {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : new Uint8Array(bytes).buffer;
}

function seal(plaintext, index, final) {
  const cipher = createCipheriv("aes-256-gcm", key, nonceFor(index, final));
  const body = cipher.update(plaintext);
  cipher.final();
  return { body: ownBuffer(body), tag: new Uint8Array(cipher.getAuthTag()).buffer };
}

function open(segment, index, final) {
  const decipher = createDecipheriv("aes-256-gcm", key, nonceFor(index, final));
  decipher.setAuthTag(segment.subarray(segment.length - 16));
  const plaintext = decipher.update(segment.subarray(0, segment.length - 16));
  try {
    decipher.final();
  } catch {
    // final() throws only on a failed tag check; the main thread turns that into a precise message.
    return undefined;
  }
  return plaintext;
}

parentPort.on("message", ({ input, index, final }) => {
  const segment = Buffer.from(input);
  if (mode === "seal") {
    const { body, tag } = seal(segment, index, final);
    parentPort.postMessage({ input, body, tag }, [input, body, tag]);
    return;
  }
  const plaintext = open(segment, index, final);
  if (plaintext === undefined) {
    parentPort.postMessage({ input, otherFlagOpens: open(segment, index, !final) !== undefined }, [input]);
    return;
  }
  const bytes = ownBuffer(plaintext);
  parentPort.postMessage({ input, plaintext: bytes }, [input, bytes]);
});
`
