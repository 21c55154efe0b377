import { createHash } from "node:crypto";

/** RFC 6962 §2.1 leaf hash: SHA-256(0x00 || data). */
export function merkleLeafHash(data: Uint8Array): Buffer {
  return createHash("sha256").update(Buffer.of(0x00)).update(data).digest();
}

/** RFC 6962 §2.1 interior node hash: SHA-256(0x01 || left || right). */
export function merkleNodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash("sha256").update(Buffer.of(0x01)).update(left).update(right).digest();
}

/**
 * The RFC 6962 Merkle Tree Hash of the leaves' data: SHA-256() for none, the leaf hash for one, else
 * split at k, the largest power of two smaller than n, and hash MTH(D[0:k]) with MTH(D[k:n]) (no duplication
 * of odd nodes).
 */
export function merkleRoot(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return createHash("sha256").digest();
  return subtreeHash(leaves.map(merkleLeafHash), 0, leaves.length);
}

function subtreeHash(hashes: readonly Buffer[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 1) return hashes[start] as Buffer;
  let k = 1;
  while (k * 2 < n) k *= 2;
  return merkleNodeHash(subtreeHash(hashes, start, start + k), subtreeHash(hashes, start + k, end));
}
