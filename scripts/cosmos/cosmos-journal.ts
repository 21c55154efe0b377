import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// @vercel/cosmosdb-server keeps every database, container and document in `Items` maps in memory and has no storage
// hook, so this module hooks the two methods every write goes through (Items#_set and Items#delete): each change is
// recorded as the resulting resource (with its _rid, _etag and _ts), so a replay restores exactly what clients saw.
const load = createRequire(__filename);

type Json = Record<string, unknown>;

/** The shape of the server's Items maps that the journal touches. */
interface ItemsLike {
  _parent: { read(): Json | undefined };
  _data: Map<string, { read(): Json }>;
  _ridCount: number;
  _set(data: Json): Json;
  _item(keyPath: string, idOrRid: string, partition: unknown): { read(): Json | undefined };
  delete(idOrRid: string, partition?: unknown): void;
}

interface DatabaseItem {
  read(): Json | undefined;
  collections: ItemsLike;
  collection(idOrRid: string): { read(): Json | undefined; documents: ItemsLike };
}

/** The server's account: the root of every resource. */
export interface AccountLike {
  databases: Omit<ItemsLike, "_data"> & { _data: Map<string, DatabaseItem & { read(): Json }> };
  database(idOrRid: string): DatabaseItem;
}

type Kind = "dbs" | "colls" | "docs";

/** One journal record: a resource set to its new state, or deleted. */
type CosmosRecord =
  | { op: "set"; kind: Kind; db?: string; coll?: string; n: number; data: Json }
  | { op: "del"; kind: Kind; db?: string; coll?: string; rid: string };

const lib = "@vercel/cosmosdb-server/lib/account";
const Items = (load(`${lib}/items`) as { default: { prototype: ItemsLike } }).default;
const KINDS: [Kind, abstract new (...args: never[]) => unknown][] = [
  ["dbs", (load(`${lib}/databases`) as { default: abstract new (...args: never[]) => unknown }).default],
  ["colls", (load(`${lib}/collections`) as { default: abstract new (...args: never[]) => unknown }).default],
  ["docs", (load(`${lib}/documents`) as { default: abstract new (...args: never[]) => unknown }).default],
];

const FILE = "cosmos.jsonl";
const COMPACT_AFTER_BYTES = 16 * 1024 * 1024;

/**
 * A write-ahead journal of the local Cosmos server's state in `dir`: every change is appended and fsync'd before the
 * reply that follows it (see `flush`), replayed at start, and compacted to one record per live resource at start and
 * whenever the file has grown by 16 MiB.
 */
export class CosmosJournal {
  private pending: CosmosRecord[] = [];
  private fd: number;
  private bytesSinceCompaction = 0;
  private replaying = false;

  private constructor(
    private readonly dir: string,
    private readonly account: AccountLike,
  ) {
    this.fd = fs.openSync(path.join(dir, FILE), "a");
  }

  /** Replays `dir`'s journal into `account`, compacts it, and starts recording every change made to the account. */
  static attach(dir: string, account: AccountLike): CosmosJournal {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const journal = new CosmosJournal(dir, account);
    journal.replay();
    journal.compact();
    journal.hook();
    return journal;
  }

  /** Writes every change recorded so far with one fsync; callers reply only after this returns. */
  flush(): void {
    if (this.pending.length === 0) return;
    const line = `${JSON.stringify(this.pending)}\n`;
    this.pending = [];
    fs.writeSync(this.fd, line);
    fs.fdatasyncSync(this.fd);
    this.bytesSinceCompaction += Buffer.byteLength(line);
    if (this.bytesSinceCompaction > COMPACT_AFTER_BYTES) this.compact();
  }

  private hook(): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const journal = this;
    const originalSet = Items.prototype._set;
    const originalDelete = Items.prototype.delete;
    Items.prototype._set = function (this: ItemsLike, data: Json): Json {
      const result = originalSet.call(this, data);
      journal.recordSet(this, result);
      return result;
    };
    Items.prototype.delete = function (this: ItemsLike, idOrRid: string, partition?: unknown): void {
      const existing = this._item("/id", idOrRid, partition).read();
      originalDelete.call(this, idOrRid, partition);
      if (existing !== undefined) journal.recordDelete(this, String(existing._rid));
    };
  }

  private recordSet(items: ItemsLike, data: Json): void {
    const where = this.locate(items);
    if (where === undefined || this.replaying) return;
    this.pending.push({ op: "set", ...where, n: items._ridCount, data: JSON.parse(JSON.stringify(data)) as Json });
  }

  private recordDelete(items: ItemsLike, rid: string): void {
    const where = this.locate(items);
    if (where === undefined || this.replaying) return;
    this.pending.push({ op: "del", ...where, rid });
  }

  /** Which map `items` is (databases, a database's containers, a container's documents) and its parents' _rids. */
  private locate(items: ItemsLike): { kind: Kind; db?: string; coll?: string } | undefined {
    const kind = KINDS.find(([, type]) => items instanceof type)?.[0];
    if (kind === undefined) return undefined; // partition key ranges and functions: derived or unused here
    if (kind === "dbs") return { kind };
    const parent = items._parent.read();
    if (parent === undefined) return undefined;
    if (kind === "colls") return { kind, db: String(parent._rid) };
    const match = /^\/dbs\/([^/]+)\/colls\/([^/]+)/.exec(String(parent._self));
    return match ? { kind, db: match[1]!, coll: match[2]! } : undefined;
  }

  private target(record: CosmosRecord): ItemsLike {
    if (record.kind === "dbs") return this.account.databases as unknown as ItemsLike;
    const database = this.account.database(record.db!);
    if (database.read() === undefined) throw new Error(`Cosmos journal names a missing database ${record.db}`);
    if (record.kind === "colls") return database.collections;
    const collection = database.collection(record.coll!);
    if (collection.read() === undefined) throw new Error(`Cosmos journal names a missing container ${record.coll}`);
    return collection.documents;
  }

  private replay(): void {
    const file = path.join(this.dir, FILE);
    if (!fs.existsSync(file)) return;
    const lines = fs.readFileSync(file, "utf8").split("\n");
    this.replaying = true;
    try {
      lines.forEach((line, index) => {
        if (line.trim() === "") return;
        let batch: CosmosRecord[];
        try {
          batch = JSON.parse(line) as CosmosRecord[];
        } catch (error) {
          // Only the final line can be torn (the server died mid-append, before it replied); anything else is corruption.
          if (index >= lines.length - 2) return;
          throw new Error(`Cosmos journal ${file} is corrupt at line ${index + 1}: ${(error as Error).message}`);
        }
        for (const record of batch) this.apply(record);
      });
    } finally {
      this.replaying = false;
    }
  }

  private apply(record: CosmosRecord): void {
    const items = this.target(record);
    if (record.op === "del") {
      items.delete(record.rid);
      return;
    }
    items._set(record.data);
    // _rids come from a counter; keep it past every _rid handed out so a new resource never reuses a live one's.
    items._ridCount = Math.max(items._ridCount, record.n);
  }

  /** Rewrites the journal as one record per live resource (written aside, fsync'd, then renamed over the old one). */
  private compact(): void {
    const records: CosmosRecord[] = [];
    const { databases } = this.account;
    for (const database of databases._data.values()) {
      const dbData = database.read();
      if (dbData === undefined) continue;
      const db = String(dbData._rid);
      records.push({ op: "set", kind: "dbs", n: databases._ridCount, data: dbData });
      for (const collection of database.collections._data.values()) {
        const data = collection.read();
        const coll = String(data._rid);
        records.push({ op: "set", kind: "colls", db, n: database.collections._ridCount, data });
        const documents = database.collection(coll).documents;
        for (const document of documents._data.values()) records.push({ op: "set", kind: "docs", db, coll, n: documents._ridCount, data: document.read() });
      }
    }
    const file = path.join(this.dir, FILE);
    const temp = `${file}.tmp`;
    const fd = fs.openSync(temp, "w", 0o600);
    for (let i = 0; i < records.length; i += 1000) fs.writeSync(fd, `${JSON.stringify(records.slice(i, i + 1000))}\n`);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.closeSync(this.fd);
    fs.renameSync(temp, file);
    const dirFd = fs.openSync(this.dir, "r");
    fs.fsyncSync(dirFd);
    fs.closeSync(dirFd);
    this.fd = fs.openSync(file, "a");
    this.bytesSinceCompaction = 0;
  }
}
