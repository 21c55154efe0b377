import fs from "node:fs";
import path from "node:path";

/** One line of the journal: a typed record whose payload is a JSON value. */
export interface JournalRecord {
  t: string;
  k: string;
  v?: unknown;
}

const fileName = "journal.jsonl";

/**
 * An append-only, fsync'd journal of keyed records; the last record per (t, k) wins.
 * Appends are group-committed: each flush writes one line holding every record put since the previous
 * flush, with one fsync, so a flush is atomic (a torn final line is dropped as a whole on replay).
 */
export class Journal {
  private fd: number;
  private pending: JournalRecord[] = [];
  /** Called right before each flush so callers can put lazily-serialised state. */
  beforeFlush: (() => void) | undefined;
  private waiters: Array<() => void> = [];
  private flushing: Promise<void> | undefined;
  private flushScheduled = false;
  private closed = false;
  private bytesSinceCompaction = 0;

  private constructor(
    private readonly dir: string,
    private readonly state: Map<string, JournalRecord>,
  ) {
    this.fd = fs.openSync(path.join(dir, fileName), "a");
  }

  /** Opens (creating if needed) the journal in `dir`, replays it, and compacts it to one record per key. */
  static open(dir: string): Journal {
    fs.mkdirSync(dir, { recursive: true });
    const state = new Map<string, JournalRecord>();
    const file = path.join(dir, fileName);
    if (fs.existsSync(file)) {
      const lines = fs.readFileSync(file, "utf8").split("\n");
      lines.forEach((line, index) => {
        if (line.trim() === "") return;
        let batch: JournalRecord[];
        try {
          batch = JSON.parse(line) as JournalRecord[];
        } catch (error) {
          // Only the final line can be torn (the host died mid-append); anything else is corruption.
          if (index >= lines.length - 2) return;
          throw new Error(`Journal ${file} is corrupt at line ${index + 1}: ${(error as Error).message}`);
        }
        for (const record of batch) apply(state, record);
      });
    }
    writeSnapshot(dir, state);
    return new Journal(dir, state);
  }

  /** Every live record of type `t`. */
  records(t: string): JournalRecord[] {
    return [...this.state.values()].filter((r) => r.t === t);
  }

  /** Records a keyed value (or its deletion when `v` is undefined); durable after the next flush. */
  put(t: string, k: string, v: unknown): void {
    const record: JournalRecord = v === undefined ? { t, k } : { t, k, v };
    apply(this.state, record);
    this.pending.push(record);
    this.scheduleFlush();
  }

  /** Asks for a flush soon (callers that serialise lazily in beforeFlush use this). */
  touch(): void {
    this.scheduleFlush();
  }

  /** Resolves once everything put so far (and anything beforeFlush adds) is on disk. */
  durable(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.scheduleFlush();
    });
  }

  /** Flushes and closes the journal file. */
  async close(): Promise<void> {
    await this.flushNow();
    this.closed = true;
    fs.closeSync(this.fd);
  }

  /** Drops unflushed records and closes the file, as a crash would (for in-process crash tests). */
  abandon(): void {
    this.pending = [];
    this.beforeFlush = undefined;
    this.closed = true;
    fs.closeSync(this.fd);
  }

  private scheduleFlush(): void {
    if (this.closed) return;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.flushNow();
    });
  }

  private async flushNow(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.closed) return;
    this.beforeFlush?.();
    if (this.pending.length === 0) {
      this.release(this.waiters.splice(0));
      return;
    }
    const chunk = JSON.stringify(this.pending) + "\n";
    const waiters = this.waiters.splice(0);
    this.pending = [];
    this.flushing = (async () => {
      const handle = this.fd;
      await new Promise<void>((resolve, reject) =>
        fs.write(handle, chunk, (err) => (err ? reject(err) : fs.fdatasync(handle, (e) => (e ? reject(e) : resolve())))),
      );
      this.bytesSinceCompaction += chunk.length;
      if (this.bytesSinceCompaction > 64 * 1024 * 1024) this.compact();
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
    this.release(waiters);
    if (this.waiters.length > 0 || this.pending.length > 0) this.scheduleFlush();
  }

  private compact(): void {
    fs.closeSync(this.fd);
    writeSnapshot(this.dir, this.state);
    this.fd = fs.openSync(path.join(this.dir, fileName), "a");
    this.bytesSinceCompaction = 0;
  }

  private release(waiters: Array<() => void>): void {
    for (const resolve of waiters) resolve();
  }
}

function apply(state: Map<string, JournalRecord>, record: JournalRecord): void {
  const key = `${record.t}\u0000${record.k}`;
  if (record.v === undefined) state.delete(key);
  else state.set(key, record);
}

function writeSnapshot(dir: string, state: Map<string, JournalRecord>): void {
  const tmp = path.join(dir, `${fileName}.tmp`);
  const fd = fs.openSync(tmp, "w");
  fs.writeSync(fd, JSON.stringify([...state.values()]) + "\n");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, path.join(dir, fileName));
  const dirFd = fs.openSync(dir, "r");
  fs.fsyncSync(dirFd);
  fs.closeSync(dirFd);
}
