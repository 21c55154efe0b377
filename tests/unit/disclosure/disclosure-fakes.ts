import { createHash, type KeyObject } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { AuditAppend, GENESIS_HASH, sequenceId, type AuditEntry } from "../../../shared/audit/audit-entry";
import type { DeliveryRecord, SealedPart } from "../../../shared/disclosure/delivery-record";
import type { WrappedKeyFile } from "../../../shared/package/format";
import { openPackage, type ItemSink } from "../../../shared/package/open-package";
import { unwrapWithPrivateKey } from "../../../shared/package/recipient-key";
import type { AppendOptions, AuditLog } from "../../../shared/ports/audit-log";
import { KeyServiceError, type KeyWrapper, type WrappedKey } from "../../../shared/ports/key-service";
import type { CommittedPackage, DeliveryRecordStore, PackageStore, PackageUpload, StoredBytes } from "../../../shared/ports/package-store";

/** An audit log in memory that checks each append against the schema (no hash chain: the Cosmos adapter is tested elsewhere). */
export class MemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  private readonly keyed = new Map<string, AuditEntry>();

  async append(demandId: string, input: AuditAppend, options: AppendOptions = {}): Promise<AuditEntry> {
    const key = options.once === undefined ? undefined : `${demandId}\n${options.once}`;
    const seen = key === undefined ? undefined : this.keyed.get(key);
    if (seen !== undefined) return seen;
    const parsed = AuditAppend.parse(input);
    const seq = this.entries.filter((e) => e.demandId === demandId).length;
    const entry: AuditEntry = { ...parsed, id: sequenceId(seq), demandId, seq, prevHash: GENESIS_HASH, hash: createHash("sha256").update(JSON.stringify(parsed)).digest("hex") };
    this.entries.push(entry);
    if (key !== undefined) this.keyed.set(key, entry);
    return entry;
  }

  async list(demandId: string): Promise<AuditEntry[]> {
    return this.entries.filter((e) => e.demandId === demandId);
  }

  async listEntryTimesBetween(from: string, to: string): Promise<{ demandId: string; at: string }[]> {
    return this.entries.filter((e) => e.at >= from && e.at < to).map(({ demandId, at }) => ({ demandId, at }));
  }

  async firstEntryAt(): Promise<string | null> {
    return this.entries.map((e) => e.at).sort()[0] ?? null;
  }

  /** The steps of a demand, in order. */
  steps(demandId: string): string[] {
    return this.entries.filter((e) => e.demandId === demandId).map((e) => e.step);
  }
}

/** Packages and delivery records in memory: uploads stay invisible until committed, like uncommitted blocks. */
export class MemoryPackageStore implements PackageStore, DeliveryRecordStore {
  readonly committed = new Map<string, Buffer>();
  readonly records = new Map<string, DeliveryRecord>();
  private readonly staged = new Map<string, Buffer>();
  /** Set to make the next upload fail after this many bytes. */
  failUploadAfterBytes: number | undefined;
  /** Set to make the next upload fail when it is completed (its last block). */
  failNextUploadAtEnd = false;

  beginUpload(demandId: string, packageId: string): PackageUpload {
    const blobName = `packages/${demandId}/${packageId}.lrwpkg`;
    const parts: Buffer[] = [];
    let size = 0;
    const failAfter = this.failUploadAfterBytes;
    const failAtEnd = this.failNextUploadAtEnd;
    this.failUploadAfterBytes = undefined;
    this.failNextUploadAtEnd = false;
    const output = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (failAfter !== undefined && size > failAfter) return callback(new Error("simulated upload failure"));
        parts.push(chunk);
        callback();
      },
      final(callback) {
        setTimeout(() => callback(failAtEnd ? new Error("simulated failure of the last block") : null), 5);
      },
    });
    const done = new Promise<StoredBytes>((resolve, reject) => {
      output.on("finish", () => {
        const bytes = Buffer.concat(parts);
        this.staged.set(blobName, bytes);
        resolve({ size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
      });
      output.on("error", reject);
      output.on("close", () => reject(new Error("upload abandoned")));
    });
    done.catch(() => undefined);
    return { packageId, blobName, output, completed: () => done };
  }

  async commit(upload: PackageUpload): Promise<CommittedPackage> {
    const stored = await upload.completed();
    const bytes = this.staged.get(upload.blobName);
    if (bytes === undefined) throw new Error("nothing staged");
    this.staged.delete(upload.blobName);
    this.committed.set(upload.blobName, bytes);
    return { blobName: upload.blobName, size: stored.size, sha256: stored.sha256, immutability: "not_requested" };
  }

  async discard(upload: Pick<PackageUpload, "blobName">): Promise<void> {
    this.committed.delete(upload.blobName);
  }

  readonly sealedParts = new Map<string, SealedPart>();

  async putSealed(demandId: string, part: string, sealed: SealedPart): Promise<void> {
    this.sealedParts.set(`${demandId}/${part}`, structuredClone(sealed));
  }

  async getSealed(demandId: string, part: string): Promise<SealedPart | null> {
    return structuredClone(this.sealedParts.get(`${demandId}/${part}`) ?? null);
  }

  async forgetSealed(demandId: string, part: string): Promise<void> {
    this.sealedParts.delete(`${demandId}/${part}`);
  }

  async putIfAbsent(record: DeliveryRecord): Promise<boolean> {
    if (this.records.has(record.demandId)) return false;
    this.records.set(record.demandId, structuredClone(record));
    return true;
  }

  async get(demandId: string): Promise<DeliveryRecord | null> {
    return this.records.get(demandId) ?? null;
  }
}

/** A customer-managed vault key the customer can revoke: wraps like a key pair until `revoked` is set, then answers 403-style. */
export class RevocableVaultKey implements KeyWrapper {
  readonly holder = "customer_managed" as const;
  revoked: "never" | "before_wrap" | "before_unwrap" = "never";
  readonly uses: string[] = [];

  constructor(private readonly inner: KeyWrapper) {}

  async wrapKey(dataKey: Uint8Array): Promise<WrappedKey> {
    if (this.revoked === "before_wrap") throw this.refusal("wrapKey");
    this.uses.push("wrap");
    const wrapped = await this.inner.wrapKey(dataKey);
    return { ...wrapped, holder: this.holder };
  }

  async unwrapKey(wrapped: WrappedKey): Promise<Uint8Array> {
    if (this.revoked !== "never") throw this.refusal("unwrapKey");
    this.uses.push("unwrap");
    return this.inner.unwrapKey(wrapped);
  }

  recognisesKeyId(keyId: string): boolean {
    return this.inner.recognisesKeyId(keyId);
  }

  private refusal(operation: string): KeyServiceError {
    return new KeyServiceError("KEY_ACCESS_REVOKED", `Key Vault refused ${operation} (403): access to the key has been revoked or the key is disabled`);
  }
}

/** An ItemSink that keeps opened items in memory, by path. */
export function memorySink(): ItemSink & { items: Map<string, Buffer> } {
  const items = new Map<string, Buffer>();
  let current: { path: string; parts: Buffer[] } | undefined;
  return {
    items,
    beginItem: async (item) => {
      current = { path: item.path, parts: [] };
    },
    writeData: async (bytes) => {
      current?.parts.push(Buffer.from(bytes));
    },
    endItem: async () => {
      if (current !== undefined) items.set(current.path, Buffer.concat(current.parts));
      current = undefined;
    },
    commit: async () => undefined,
    abort: async () => {
      items.clear();
    },
  };
}

/** Opens package bytes with a private key (and the delivery key file, if any), checking the provider's signatures. */
export async function openWith(bytes: Buffer, privateKey: KeyObject, providerPublicKey: KeyObject, keyFile?: WrappedKeyFile) {
  const sink = memorySink();
  const opened = await openPackage(Readable.from([bytes]), {
    resolveDataKey: async (header) => unwrapWithPrivateKey(header, privateKey, keyFile),
    providerPublicKey,
    sink,
  });
  return { ...opened, items: sink.items };
}
