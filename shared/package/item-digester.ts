import { Blake3Hasher } from "@napi-rs/blake-hash";
import { itemDigestKindOf, type PackageVersion } from "./format";
import { ItemHasher } from "./item-hasher";

/** The digest of a package's items, one item after another (format §6). */
export interface ItemDigester {
  /** Starts a new item; the previous one must have been digested. */
  begin(): void;
  /** Adds item bytes; the caller may reuse them once this resolves. */
  update(bytes: Uint8Array): Promise<void>;
  /** The item's digest, hex. */
  digest(): Promise<string>;
  /** Frees what the digester holds (a thread). */
  close(): Promise<void>;
}

/**
 * BLAKE3 (format version 3) on the calling thread. The native implementation (Rust, with the CPU's vector units)
 * hashes several GB/s on one core, four to five times SHA-256 with the CPU's SHA extensions, so a thread of its own
 * would cost more in copies than it saves.
 */
export class Blake3ItemDigester implements ItemDigester {
  private hasher = new Blake3Hasher();

  begin(): void {
    this.hasher.reset();
  }

  async update(bytes: Uint8Array): Promise<void> {
    // A view, not a copy: the binding takes a Buffer.
    this.hasher.update(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  async digest(): Promise<string> {
    return this.hasher.digestBuffer().toString("hex");
  }

  async close(): Promise<void> {}
}

/** The digester of a format version: SHA-256 (on a thread of its own for large items) up to version 2, BLAKE3 from 3. */
export function itemDigesterFor(version: PackageVersion): ItemDigester {
  return itemDigestKindOf(version) === "blake3" ? new Blake3ItemDigester() : new ItemHasher();
}
