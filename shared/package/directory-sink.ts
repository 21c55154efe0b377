import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { access, mkdir, rename, rm } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { finished } from "node:stream/promises";
import { BoundedWriter } from "./bounded-writer";
import type { ItemStart, Manifest } from "./format";
import { assertSafeItemPath } from "./item-path";
import type { ItemSink } from "./open-package";
import { PackageError } from "./package-error";

/** Bytes an item file may queue before writeData waits: several segments, so writes overlap decryption (the default 16 KiB would wait on every segment). */
const FILE_WRITE_QUEUE_BYTES = 1024 * 1024;

/** Writes opened items below a directory: staged first, moved into place only after every check passed. */
export class DirectorySink implements ItemSink {
  private readonly outDir: string;
  private readonly staging: string;
  private current: WriteStream | undefined;
  private writer: BoundedWriter | undefined;

  constructor(outDir: string) {
    this.outDir = resolve(outDir);
    this.staging = join(this.outDir, `.lrw-staging-${randomUUID()}`);
  }

  async beginItem(item: ItemStart): Promise<void> {
    const target = this.below(this.staging, item.path);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    this.current = createWriteStream(target, { flags: "wx", mode: 0o600 });
    this.writer = new BoundedWriter(this.current, FILE_WRITE_QUEUE_BYTES);
    await once(this.current, "open");
  }

  async writeData(bytes: Buffer): Promise<void> {
    await (this.writer as BoundedWriter).write(bytes);
  }

  async endItem(): Promise<void> {
    const stream = this.current as WriteStream;
    this.current = undefined;
    this.writer = undefined;
    stream.end();
    await finished(stream);
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
    const stream = this.current;
    this.current = undefined;
    this.writer = undefined;
    if (stream !== undefined) {
      // Let queued writes settle before the staging directory goes; a write error here is moot because the
      // package has already failed for the reason the caller reports, and everything staged is deleted.
      stream.end();
      await finished(stream).catch(() => undefined);
    }
    await rm(this.staging, { recursive: true, force: true });
  }

  /** Resolves an item path below `root`, refusing anything that would land outside it. */
  private below(root: string, itemPath: string): string {
    assertSafeItemPath(itemPath);
    const target = resolve(root, ...itemPath.split("/"));
    if (!target.startsWith(root + sep)) throw new PackageError("UNSAFE_ITEM_PATH", `unsafe item path ${JSON.stringify(itemPath)}: leaves the output directory`);
    return target;
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
