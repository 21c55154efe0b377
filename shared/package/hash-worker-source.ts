/**
 * The item hash thread's program, as CommonJS source run with `new Worker(source, { eval: true })`: it has to run the
 * same way from compiled JavaScript, under tsx and inside vitest, none of which would load a .ts worker file.
 * It keeps one SHA-256 state. Each message transfers a buffer whose first `length` bytes continue the current item;
 * `digest: true` ends the item (the reply carries its hex digest) and starts the next. Every reply returns the
 * buffer, in message order.
 */
export const HASH_WORKER_SOURCE = `
"use strict";
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
let hash = createHash("sha256");

parentPort.on("message", ({ buffer, length, digest }) => {
  hash.update(new Uint8Array(buffer, 0, length));
  if (!digest) {
    parentPort.postMessage({ buffer }, [buffer]);
    return;
  }
  const hex = hash.digest("hex");
  hash = createHash("sha256");
  parentPort.postMessage({ buffer, digest: hex }, [buffer]);
});
`;
