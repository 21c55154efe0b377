import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { BlockBlobClient, ContainerClient } from "@azure/storage-blob";
import { DeliveryRecord, SealedPart, type ImmutabilityState } from "../../disclosure/delivery-record";
import type { CommittedPackage, DeliveryRecordStore, PackageStore, PackageUpload, StoredBytes } from "../../ports/package-store";
import { UploadDigestThread } from "./upload-digest-thread";

/** How committed packages are protected: a legal hold, a time-based retention policy, or not at all. */
export type PackageImmutability = { kind: "none" } | { kind: "legal_hold" } | { kind: "retention"; days: number; locked: boolean };

/** Settings of the Blob package store. */
export interface BlobPackageStoreOptions {
  immutability: PackageImmutability;
  now: () => Date;
  /** Bytes per staged block; 4 MiB unless a test wants many blocks. */
  blockSize?: number;
  /** Blocks staged at once per upload (memory per upload is about one block more than this); 4 unless a test says otherwise. */
  stagingConcurrency?: number;
}

const DEFAULT_BLOCK_SIZE = 4 * 1024 * 1024;
const DEFAULT_STAGING_CONCURRENCY = 4;
const DAY_MS = 86_400_000;
const PACKAGE_CONTENT_TYPE = "application/vnd.lrw.package";

/**
 * Packages as block blobs `packages/<demandId>/<packageId>.lrwpkg`, delivery records as `deliveries/<demandId>.json`
 * and notes of committed, unreleased packages as `deliveries/<demandId>.sealed/<part>.json`, in one private container.
 * A package is staged as uncommitted blocks (never visible, discarded by the service after a week), checked block by
 * block against what was written, and only then committed; the delivery record that releases it is written afterwards, once.
 */
export class BlobPackageStore implements PackageStore, DeliveryRecordStore {
  private readonly uploads = new WeakMap<PackageUpload, BlockUpload>();

  constructor(
    private readonly container: ContainerClient,
    private readonly options: BlobPackageStoreOptions,
  ) {}

  beginUpload(demandId: string, packageId: string): PackageUpload {
    const blobName = `packages/${demandId}/${packageId}.lrwpkg`;
    const upload = new BlockUpload(
      packageId,
      blobName,
      this.container.getBlockBlobClient(blobName),
      this.options.blockSize ?? DEFAULT_BLOCK_SIZE,
      this.options.stagingConcurrency ?? DEFAULT_STAGING_CONCURRENCY,
    );
    this.uploads.set(upload, upload);
    return upload;
  }

  async commit(handle: PackageUpload): Promise<CommittedPackage> {
    const upload = this.uploads.get(handle);
    if (upload === undefined) throw new Error(`package ${handle.packageId} was not started by this store`);
    const stored = await upload.completed();
    await upload.verifyStaged(stored);
    const blob = upload.blob;
    await blob.commitBlockList(
      upload.blocks.map((block) => block.id),
      {
        blobHTTPHeaders: { blobContentType: PACKAGE_CONTENT_TYPE, blobContentDisposition: `attachment; filename="${handle.packageId}.lrwpkg"` },
        metadata: { sha256: stored.sha256, packageid: handle.packageId },
        // A package name is used once; committing over an existing blob would mean two uploads share an id.
        conditions: { ifNoneMatch: "*" },
      },
    );
    try {
      const properties = await blob.getProperties();
      if (properties.contentLength !== stored.size) throw new Error(`package ${handle.packageId}: storage holds ${properties.contentLength ?? "no"} bytes, ${stored.size} were written`);
      const protection = await this.protect(blob);
      return { blobName: handle.blobName, size: stored.size, sha256: stored.sha256, ...protection };
    } catch (error) {
      await removeAfterFailure(blob, error);
      throw error;
    }
  }

  async discard(handle: Pick<PackageUpload, "blobName">): Promise<void> {
    await this.container.getBlockBlobClient(handle.blobName).deleteIfExists();
  }

  async putIfAbsent(record: DeliveryRecord): Promise<boolean> {
    const body = Buffer.from(JSON.stringify(DeliveryRecord.parse(record), null, 2), "utf8");
    try {
      await this.container.getBlockBlobClient(deliveryName(record.demandId)).uploadData(body, {
        blobHTTPHeaders: { blobContentType: "application/json" },
        conditions: { ifNoneMatch: "*" },
      });
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw error;
    }
  }

  async get(demandId: string): Promise<DeliveryRecord | null> {
    const blob = this.container.getBlockBlobClient(deliveryName(demandId));
    let bytes: Buffer;
    try {
      bytes = await blob.downloadToBuffer();
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
    return DeliveryRecord.parse(JSON.parse(bytes.toString("utf8")));
  }

  async putSealed(demandId: string, part: string, sealed: SealedPart): Promise<void> {
    const body = Buffer.from(JSON.stringify(SealedPart.parse(sealed)), "utf8");
    await this.container.getBlockBlobClient(sealedName(demandId, part)).uploadData(body, { blobHTTPHeaders: { blobContentType: "application/json" } });
  }

  async getSealed(demandId: string, part: string): Promise<SealedPart | null> {
    try {
      const bytes = await this.container.getBlockBlobClient(sealedName(demandId, part)).downloadToBuffer();
      return SealedPart.parse(JSON.parse(bytes.toString("utf8")));
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async forgetSealed(demandId: string, part: string): Promise<void> {
    await this.container.getBlockBlobClient(sealedName(demandId, part)).deleteIfExists();
  }

  /** Sets the configured hold or policy; storage without the feature (Azurite: 501) is recorded as such, not fatal. */
  private async protect(blob: BlockBlobClient): Promise<{ immutability: ImmutabilityState; retainUntil?: string }> {
    const mode = this.options.immutability;
    if (mode.kind === "none") return { immutability: "not_requested" };
    try {
      if (mode.kind === "legal_hold") {
        await blob.setLegalHold(true);
        return { immutability: "legal_hold" };
      }
      const until = new Date(this.options.now().getTime() + mode.days * DAY_MS);
      await blob.setImmutabilityPolicy({ expiriesOn: until, policyMode: mode.locked ? "Locked" : "Unlocked" });
      return { immutability: "retention_policy", retainUntil: until.toISOString() };
    } catch (error) {
      if (statusOf(error) === 501) return { immutability: "not_supported" };
      throw error;
    }
  }
}

/** One digest thread for every upload of the process (started with the first block). */
const digests = new UploadDigestThread();

/**
 * A package's bytes on their way into uncommitted blocks. Several blocks are staged at once, so sealing goes on while
 * storage takes the earlier blocks; each block's id fixes its place in the list committed. Each block's MD5 and the
 * package's SHA-256 are computed on the digest thread, in block order.
 */
class BlockUpload implements PackageUpload {
  readonly output: Writable;
  readonly blocks: { id: string; size: number }[] = [];
  private readonly digestId = digests.begin();
  private readonly staging = new Set<Promise<void>>();
  private readonly done: Promise<StoredBytes>;
  /** The block being filled; made when its first byte arrives, so a finished or unused upload holds none. */
  private block: Buffer | undefined;
  private filled = 0;
  private size = 0;
  private sha256: string | undefined;

  constructor(
    readonly packageId: string,
    readonly blobName: string,
    readonly blob: BlockBlobClient,
    private readonly blockSize: number,
    private readonly concurrency: number,
  ) {
    this.output = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        this.accept(chunk).then(() => callback(), callback);
      },
      final: (callback) => {
        this.finish().then(() => callback(), callback);
      },
    });
    this.done = finished(this.output).then(() => ({ size: this.size, sha256: this.sha256 as string }));
    // Whoever calls completed() sees the failure; here it only frees the digest state and keeps an abandoned upload
    // from being an unhandled rejection.
    this.done.catch(() => digests.forget(this.digestId));
  }

  completed(): Promise<StoredBytes> {
    return this.done;
  }

  /** Checks that storage holds exactly the blocks written, with their sizes, adding up to the bytes hashed. */
  async verifyStaged(stored: StoredBytes): Promise<void> {
    const list = await this.blob.getBlockList("uncommitted");
    const staged = new Map((list.uncommittedBlocks ?? []).map((block) => [block.name, block.size]));
    const total = this.blocks.reduce((sum, block) => sum + block.size, 0);
    if (total !== stored.size || this.blocks.some((block) => staged.get(block.id) !== block.size)) {
      throw new Error(`package ${this.packageId}: the staged blocks do not match the ${stored.size} bytes written`);
    }
  }

  private async accept(chunk: Buffer): Promise<void> {
    this.size += chunk.length;
    for (let offset = 0; offset < chunk.length; ) {
      const block = (this.block ??= ownedBuffer(this.blockSize));
      const take = Math.min(this.blockSize - this.filled, chunk.length - offset);
      chunk.copy(block, this.filled, offset, offset + take);
      this.filled += take;
      offset += take;
      if (this.filled === this.blockSize) {
        this.block = undefined;
        this.filled = 0;
        await this.stage(block);
      }
    }
  }

  /** Stages what is left, waits for every block and takes the package's SHA-256. */
  private async finish(): Promise<void> {
    if (this.block !== undefined && this.filled > 0) {
      const last = ownedBuffer(this.filled);
      this.block.copy(last, 0, 0, this.filled);
      this.block = undefined;
      this.filled = 0;
      await this.stage(last);
    }
    await Promise.all(this.staging);
    this.sha256 = this.blocks.length === 0 ? createHash("sha256").digest("hex") : await digests.finish(this.digestId);
  }

  /** Starts digesting and staging a block and returns once fewer than `concurrency` are on their way (rejecting if one failed). */
  private async stage(bytes: Buffer): Promise<void> {
    const id = Buffer.from(`lrw-block-${String(this.blocks.length).padStart(8, "0")}`).toString("base64");
    // Listed now, in write order; verifyStaged checks before the commit that storage holds each block with its size.
    this.blocks.push({ id, size: bytes.length });
    // Sent now, in write order, so the package's SHA-256 covers the blocks in order; the service checks each block
    // against its MD5, so a block damaged on the way is refused, not stored.
    const staged: Promise<void> = digests
      .block(this.digestId, bytes, this.blocks.length === 1)
      .then(({ block, md5 }) => this.blob.stageBlock(id, block, block.length, { transactionalContentMD5: md5 }))
      .then(() => {
        this.staging.delete(staged);
      });
    // Observed later by race/all; handled here so a failure while nobody waits is not an unhandled rejection.
    staged.catch(() => undefined);
    this.staging.add(staged);
    if (this.staging.size >= this.concurrency) await Promise.race(this.staging);
  }
}

/** A buffer with an ArrayBuffer of its own (never a slice of Node's shared pool), so it can be transferred to a thread. */
function ownedBuffer(size: number): Buffer {
  return Buffer.from(new ArrayBuffer(size));
}

function deliveryName(demandId: string): string {
  return `deliveries/${demandId}.json`;
}

// Beside the delivery record, never read by the package endpoint: a noted package is not released.
function sealedName(demandId: string, part: string): string {
  return `deliveries/${demandId}.sealed/${part}.json`;
}

function statusOf(error: unknown): number | undefined {
  const status = typeof error === "object" && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  return typeof status === "number" ? status : undefined;
}

async function removeAfterFailure(blob: BlockBlobClient, cause: unknown): Promise<void> {
  try {
    await blob.deleteIfExists();
  } catch (cleanupError) {
    throw new AggregateError([cause, cleanupError], "a committed package failed its checks and could not be removed");
  }
}
