import { ReplyThread } from "../../package/eval-worker";

/**
 * The thread's program (CommonJS, see ReplyThread): each message names a PKCS#8 PEM private key (parsed once and
 * kept) and an operation, and is answered, in order, with its output or the error's message. "raw" is the RSA
 * private operation without padding (the caller encodes, e.g. EMSA-PSS); "oaep256" is RSA-OAEP-SHA-256 decryption,
 * answered with no output when this key does not open the input.
 */
const RSA_THREAD_SOURCE = `
"use strict";
const { parentPort } = require("node:worker_threads");
const { constants, createPrivateKey, privateDecrypt, privateEncrypt } = require("node:crypto");
const keys = new Map();

parentPort.on("message", ({ pem, op, input }) => {
  try {
    let key = keys.get(pem);
    if (key === undefined) {
      key = createPrivateKey(pem);
      keys.set(pem, key);
    }
    if (op === "raw") {
      parentPort.postMessage({ output: privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, input) });
      return;
    }
    let output;
    try {
      output = privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, input);
    } catch {
      output = undefined;
    }
    parentPort.postMessage({ output });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
`;

type Reply = { output?: Uint8Array; error?: string };

/**
 * RSA private-key operations on a thread of their own, started on first use. The local keyring stands in for Key
 * Vault, whose RSA work runs on Key Vault's side: each operation (1.5–2 ms for a 3072-bit key, three per package
 * and one per daily checkpoint) would otherwise hold the app's one thread while packages are sealed and uploaded.
 */
export class RsaPrivateThread {
  // What was asked of a thread that stopped fails (the caller retries as after any key service failure).
  private readonly thread = new ReplyThread<Reply>(RSA_THREAD_SOURCE, "the RSA thread");

  /** The RSA private operation without padding on `input` (as wide as the modulus, below it). */
  async raw(pem: string, input: Uint8Array): Promise<Buffer> {
    const { output } = await this.send({ pem, op: "raw", input });
    if (output === undefined) throw new Error("the RSA thread answered no output");
    return Buffer.from(output);
  }

  /** RSA-OAEP-SHA-256 decryption; undefined when this key does not open `wrapped`. */
  async oaep256(pem: string, wrapped: Uint8Array): Promise<Buffer | undefined> {
    const { output } = await this.send({ pem, op: "oaep256", input: wrapped });
    return output === undefined ? undefined : Buffer.from(output);
  }

  private async send(message: { pem: string; op: "raw" | "oaep256"; input: Uint8Array }): Promise<Reply> {
    const answered = await this.thread.ask(message);
    if (answered.error !== undefined) throw new Error(`RSA private-key operation failed: ${answered.error}`);
    return answered;
  }
}
