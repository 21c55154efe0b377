import { randomUUID } from "node:crypto";
import { closeSync, openSync, writev } from "node:fs";
import { access, mkdir, rename, rm } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { promisify } from "node:util";
import type { ItemStart, Manifest } from "./format";
import { assertSafeItemPath } from "./item-path";
import type { ItemSink } from "./open-package";
import { PackageError } from "./package-error";

/**
 * Writes opened items below a directory: staged first, moved into place only after every check passed.
 *
 * Pieces are gathered up to WRITE_BYTES and appended with one writev on the thread pool while the next are
 * decrypted, one write at a time, so appends stay in order and memory stays at two batches. Opening a 1 GiB package
 * (2 cores) took 0.91-1.03 s this way, against 1.11-1.17 s with the same writes made synchronously, 1.2-1.3 s with a
 * synchronous write per 64 KiB segment, 1.78 s through a WriteStream, and up to 3 s with several positional writes
 * in flight (the kernel then serialises them on the file and the page cache thrashes).
 */
export class DirectorySink implements ItemSink {
  private readonly outDir: string;
  private readonly staging: string;
  private current: number | undefined;
  // Held until written: the opener never reuses a buffer it has handed over (ItemSink.writeData).
  private queued: Buffer[] = [];
  private queuedBytes = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(outDir: string) {
    this.outDir = resolve(outDir);
    this.staging = join(this.outDir, `.lrw-staging-${randomUUID()}`);
  }

  async beginItem(item: ItemStart): Promise<void> {
    const target = this.below(this.staging, item.path);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    this.current = openSync(target, "wx", 0o600);
  }

  async writeData(bytes: Buffer): Promise<void> {
    this.queued.push(bytes);
    this.queuedBytes += bytes.length;
    if (this.queuedBytes >= WRITE_BYTES || this.queued.length >= MAX_PIECES) await this.flush();
  }

  async endItem(): Promise<void> {
    await this.flush();
    await this.writing;
    const fd = this.current as number;
    this.current = undefined;
    closeSync(fd);
  }

  async commit(manifest: Manifest): Promise<void> {
    for (const item of manifest.items) {
      const target = this.below(this.outDir, item.path);
      if (await exists(target)) throw new PackageError("UNSAFE_ITEM_PATH", `item ${item.path}: a file already exists at the output path`);
    }
    for (const item of manifest.items) {
      const target = this.below(this.outDir, item.path);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await rename(this.below(this.staging, item.path), target);
    }
    await rm(this.staging, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    this.queued = [];
    this.queuedBytes = 0;
    await this.writing.catch(() => undefined);
    const fd = this.current;
    this.current = undefined;
    if (fd !== undefined) closeSync(fd);
    await rm(this.staging, { recursive: true, force: true });
  }

  /** Starts appending the gathered pieces once the write before has finished (rethrowing its failure). */
  private async flush(): Promise<void> {
    const pieces = this.queued;
    this.queued = [];
    this.queuedBytes = 0;
    await this.writing;
    this.writing = appendAll(this.current as number, pieces);
    // Awaited by the next flush, endItem or abort; handled here so a failure in between is not unhandled.
    this.writing.catch(() => undefined);
  }

  /** Resolves an item path below `root`, refusing anything that would land outside it. */
  private below(root: string, itemPath: string): string {
    assertSafeItemPath(itemPath);
    const target = resolve(root, ...itemPath.split("/"));
    if (!target.startsWith(root + sep)) throw new PackageError("UNSAFE_ITEM_PATH", `unsafe item path ${JSON.stringify(itemPath)}: leaves the output directory`);
    return target;
  }
}

/** Bytes gathered before one write, and at most as many pieces as one writev takes on every platform (IOV_MAX). */
const WRITE_BYTES = 1024 * 1024;
const MAX_PIECES = 1024;

const writevAsync = promisify(writev);

/** Appends every byte of `pieces`, going on after a short write. */
async function appendAll(fd: number, pieces: Buffer[]): Promise<void> {
  let rest = pieces;
  while (rest.length > 0) {
    let { bytesWritten: written } = await writevAsync(fd, rest);
    if (written === 0) throw new Error("a write to the output file made no progress");
    let index = 0;
    while (index < rest.length && written >= (rest[index] as Buffer).length) written -= (rest[index++] as Buffer).length;
    rest = rest.slice(index);
    if (written > 0) rest[0] = (rest[0] as Buffer).subarray(written);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    // access() rejects exactly when the path does not exist or cannot be reached; both mean "not there".
    return false;
  }
}
