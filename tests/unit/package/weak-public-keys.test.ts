import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CustomerHeldKey } from "../../../shared/adapters/keys/customer-held-key";
import { recipientKeyProblem, wrapKeyForRecipient } from "../../../shared/package/recipient-key";
import { KeyServiceError } from "../../../shared/ports/key-service";

/**
 * Public keys that are RSA and parse, but protect nothing: a modulus below the format's 2048 bits (format §9:
 * "smaller moduli are breakable"), or a public exponent of 1 (RSA "encryption" is then the identity, so the
 * "wrapped" data key is just its OAEP encoding, which anyone can undo). A package whose data key is wrapped to
 * such a key can be opened by whoever receives it — for a customer-held key, the requester, without the customer (R7).
 */

const pem = (key: KeyObject) => key.export({ type: "spki", format: "pem" }).toString();

/** An RSA public key with the given modulus size and public exponent (base64url of the big-endian exponent). */
function rsaPublicKey(modulusLength: number, exponent = "AQAB"): string {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength });
  const jwk = publicKey.export({ format: "jwk" });
  return pem(createPublicKey({ key: { ...jwk, e: exponent }, format: "jwk" }));
}

/** MGF1 with SHA-256. */
function mgf1(seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * 32 < length; counter += 1) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter, 0);
    blocks.push(createHash("sha256").update(seed).update(c).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** Undoes EME-OAEP (SHA-256, empty label) with no key at all: what a "wrapped" key under e = 1 gives away. */
function oaepDecodeWithoutKey(encoded: Buffer): Buffer {
  const maskedSeed = encoded.subarray(1, 33);
  const maskedDb = encoded.subarray(33);
  const seed = Buffer.from(maskedSeed.map((b, i) => b ^ (mgf1(maskedDb, 32)[i] as number)));
  const db = Buffer.from(maskedDb.map((b, i) => b ^ (mgf1(seed, maskedDb.length)[i] as number)));
  const one = db.indexOf(0x01, 32);
  return db.subarray(one + 1);
}

const weakExponent = rsaPublicKey(2048, "AQ");
const smallModulus = rsaPublicKey(1024);
const tinyModulus = rsaPublicKey(512);

describe("a public key a data key is wrapped to must actually protect it (R7, format §9)", () => {
  it("an RSA key with public exponent 1 gives the wrapped data key away to anyone (the premise)", () => {
    const dataKey = Buffer.alloc(32, 0x5a);
    const wrapped = wrapKeyForRecipient(dataKey, weakExponent);
    expect(oaepDecodeWithoutKey(Buffer.from(wrapped.wrapped)).equals(dataKey)).toBe(true);
  });

  it("the customer-held wrapper refuses a key with public exponent 1", () => {
    const error = (() => {
      try {
        new CustomerHeldKey(weakExponent);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(KeyServiceError);
  });

  it("the customer-held wrapper refuses a modulus below 2048 bits, as the format requires of every key a data key is wrapped to", () => {
    for (const key of [smallModulus, tinyModulus]) {
      expect(() => new CustomerHeldKey(key)).toThrow(KeyServiceError);
    }
  });

  it("a delivery key with public exponent 1 is refused at vetting", () => {
    expect(recipientKeyProblem(weakExponent)).not.toBeNull();
  });
});
