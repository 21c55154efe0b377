/**
 * The segment cipher thread's program, as CommonJS source run with `new Worker(source, { eval: true })`: it has to
 * run the same way from compiled JavaScript, under tsx and inside vitest, none of which would load a .ts worker file.
 * It mirrors stream-cipher.ts (format §3): nonce = prefix(7) || u32be(index) || flag, AES-256-GCM, 16-byte tag.
 *
 * Each message transfers a batch of `count` whole segments laid end to end in `input` (an ArrayBuffer the main thread
 * reuses, `slot` bytes per segment) with their `indexes` and `finals`. Replies go back in the order the messages came,
 * each returning `input` and new buffers in `outputs`, all transferred rather than copied:
 * - seal: one buffer, every segment's ciphertext then tag, end to end exactly as they go on disk (so the main thread
 *   writes a batch at once);
 * - open: `outputs[i]` is segment i's plaintext as AES-GCM produced it (no copy), with `status[i]` 0 when it verified,
 *   1 when it verified only under the other final flag (outputs[i] then empty), 2 when it did not verify at all.
 */
export const CIPHER_WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const { createCipheriv, createDecipheriv } = require("node:crypto");
const { mode, key, noncePrefix, segmentSize } = workerData;
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

function seal(batch, count, indexes, finals) {
  const slot = segmentSize + 16;
  const output = Buffer.allocUnsafeSlow(count * slot);
  for (let i = 0; i < count; i += 1) {
    const cipher = createCipheriv("aes-256-gcm", key, nonceFor(indexes[i], finals[i]));
    cipher.update(batch.subarray(i * segmentSize, (i + 1) * segmentSize)).copy(output, i * slot);
    cipher.final();
    cipher.getAuthTag().copy(output, i * slot + segmentSize);
  }
  return { outputs: [output.buffer] };
}

function openOne(segment, index, final) {
  const decipher = createDecipheriv("aes-256-gcm", key, nonceFor(index, final));
  decipher.setAuthTag(segment.subarray(segmentSize));
  const plaintext = decipher.update(segment.subarray(0, segmentSize));
  try {
    decipher.final();
  } catch {
    // final() throws only on a failed tag check; the main thread turns that into a precise message.
    return undefined;
  }
  return plaintext;
}

function open(batch, count, indexes, finals) {
  const slot = segmentSize + 16;
  const outputs = [];
  const status = new Uint8Array(count);
  for (let i = 0; i < count; i += 1) {
    const segment = batch.subarray(i * slot, (i + 1) * slot);
    const plaintext = openOne(segment, indexes[i], finals[i]);
    if (plaintext !== undefined) {
      outputs.push(ownBuffer(plaintext));
      continue;
    }
    outputs.push(new ArrayBuffer(0));
    status[i] = openOne(segment, indexes[i], !finals[i]) !== undefined ? 1 : 2;
  }
  return { outputs, status };
}

parentPort.on("message", ({ input, count, indexes, finals }) => {
  const batch = Buffer.from(input);
  const result = mode === "seal" ? seal(batch, count, indexes, finals) : open(batch, count, indexes, finals);
  parentPort.postMessage({ input, ...result }, [input, ...result.outputs]);
});
`
