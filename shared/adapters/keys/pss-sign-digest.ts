import { constants, createHash, privateEncrypt, randomBytes, type KeyObject } from "node:crypto";

const HASH_BYTES = 32;
const SALT_BYTES = 32;

/**
 * PS256 over a precomputed SHA-256 digest (RFC 8017 EMSA-PSS, MGF1-SHA-256, 32-byte salt), as Key Vault's
 * sign(digest) does; node:crypto's sign() only accepts whole messages, so the encoding is done here.
 */
export function signDigestPs256(privateKey: KeyObject, digest: Uint8Array): Buffer {
  const modulusBits = privateKey.asymmetricKeyDetails?.modulusLength;
  if (privateKey.asymmetricKeyType !== "rsa" || modulusBits === undefined) throw new Error("PS256 needs an RSA private key");
  return privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, pssEncodeDigest(modulusBits, digest));
}

/** The EMSA-PSS encoding of a SHA-256 digest for an RSA modulus of `modulusBits`, as wide as the modulus: what the raw RSA private operation signs. */
export function pssEncodeDigest(modulusBits: number, digest: Uint8Array): Buffer {
  if (digest.length !== HASH_BYTES) throw new Error("PS256 needs a 32-byte SHA-256 digest");
  const emBits = modulusBits - 1;
  const emLength = Math.ceil(emBits / 8);
  const salt = randomBytes(SALT_BYTES);
  const h = createHash("sha256").update(Buffer.alloc(8)).update(digest).update(salt).digest();
  const db = Buffer.alloc(emLength - HASH_BYTES - 1);
  db[db.length - SALT_BYTES - 1] = 0x01;
  salt.copy(db, db.length - SALT_BYTES);
  const mask = mgf1Sha256(h, db.length);
  for (let i = 0; i < db.length; i += 1) db[i] = (db[i] as number) ^ (mask[i] as number);
  db[0] = (db[0] as number) & (0xff >> (8 * emLength - emBits));
  const encoded = Buffer.concat([db, h, Buffer.from([0xbc])]);
  const modulusBytes = Math.ceil(modulusBits / 8);
  return Buffer.concat([Buffer.alloc(modulusBytes - encoded.length), encoded]);
}

function mgf1Sha256(seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * HASH_BYTES < length; counter += 1) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter, 0);
    blocks.push(createHash("sha256").update(seed).update(c).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}
