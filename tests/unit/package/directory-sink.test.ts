import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DirectorySink } from "../../../shared/package/directory-sink";
import type { ItemStart, Manifest } from "../../../shared/package/format";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function outDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lrw-sink-"));
  dirs.push(dir);
  return dir;
}

/** Bytes that differ at every offset, so a piece written twice, dropped or out of order shows. */
function pattern(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + seed + (i >> 8)) % 256;
  return bytes;
}

const itemStart = (index: number, itemPath: string): ItemStart => ({ index, path: itemPath, category: "content_files", source: "test" });

/** Piece sizes around the segment and batch sizes, in turn. */
const STEPS = [1, 777, 65_536, 70_001, 13, 300_000];

describe("DirectorySink", () => {
  it("writes items given in many pieces of odd sizes byte for byte, across several gathered writes, and shows them only on commit", async () => {
    const dir = outDir();
    const sink = new DirectorySink(dir);
    const items = [
      { path: "mail/a.eml", bytes: pattern(3 * 1024 * 1024 + 12_345, 1) },
      { path: "mail/b.eml", bytes: pattern(7, 2) },
      { path: "files/c.bin", bytes: pattern(1024 * 1024, 3) },
    ];
    for (const [index, item] of items.entries()) {
      await sink.beginItem(itemStart(index, item.path));
      for (let at = 0, turn = 0; at < item.bytes.length; turn += 1) {
        const step = STEPS[turn % STEPS.length] as number;
        await sink.writeData(item.bytes.subarray(at, Math.min(item.bytes.length, at + step)));
        at += step;
      }
      await sink.endItem();
    }
    expect(readdirSync(dir).filter((name) => !name.startsWith(".lrw-staging-"))).toEqual([]);
    await sink.commit({ items: items.map((item) => ({ path: item.path })) } as unknown as Manifest);
    for (const item of items) {
      const written = readFileSync(path.join(dir, ...item.path.split("/")));
      // equals(), not toEqual(): a deep comparison of megabytes byte by byte takes seconds.
      expect({ path: item.path, size: written.length, same: written.equals(item.bytes) }).toEqual({ path: item.path, size: item.bytes.length, same: true });
    }
    expect(readdirSync(dir).sort()).toEqual(["files", "mail"]);
  });

  it("leaves nothing behind when aborted in the middle of an item", async () => {
    const dir = outDir();
    const sink = new DirectorySink(dir);
    await sink.beginItem(itemStart(0, "mail/a.eml"));
    for (let i = 0; i < 40; i += 1) await sink.writeData(pattern(64 * 1024, i));
    await sink.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("fails with UNSAFE_ITEM_PATH when an item collides with an earlier one on this file system (as names differing only in case do on macOS and Windows)", async () => {
    const dir = outDir();
    const sink = new DirectorySink(dir);
    await sink.beginItem(itemStart(0, "a/b"));
    await sink.endItem();
    await expect(sink.beginItem(itemStart(1, "a"))).rejects.toMatchObject({ code: "UNSAFE_ITEM_PATH", message: 'item "a" collides with an earlier item on this file system' });
    await expect(sink.beginItem(itemStart(2, "a/b/c"))).rejects.toMatchObject({ code: "UNSAFE_ITEM_PATH", message: 'item "a/b/c" collides with an earlier item on this file system' });
    await sink.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses, before moving any item into place, an item whose folder is a file already in the output directory", async () => {
    const dir = outDir();
    writeFileSync(path.join(dir, "mail"), "the recipient's own file");
    const sink = new DirectorySink(dir);
    for (const [index, itemPath] of ["a.txt", "mail/1.eml"].entries()) {
      await sink.beginItem(itemStart(index, itemPath));
      await sink.writeData(Buffer.from(itemPath));
      await sink.endItem();
    }
    await expect(sink.commit({ items: [{ path: "a.txt" }, { path: "mail/1.eml" }] } as unknown as Manifest)).rejects.toMatchObject({ code: "UNSAFE_ITEM_PATH" });
    await sink.abort();
    // Not a.txt alone, which would look like a package that held one item.
    expect(readdirSync(dir)).toEqual(["mail"]);
  });

  it("on Windows, refuses names that would open an alternate data stream, a device or another name", async () => {
    const dir = outDir();
    for (const [index, itemPath] of ["mail/x.txt:hidden", "mail/CON", "mail/aux.txt", "mail/Com1.eml", "mail/report.pdf.", "mail/report.pdf ", "mail/a<b", "mail/a?b"].entries()) {
      const sink = new DirectorySink(dir, "win32");
      await expect(sink.beginItem(itemStart(index, itemPath)), itemPath).rejects.toMatchObject({ code: "UNSAFE_ITEM_PATH", message: expect.stringContaining("on Windows") as string });
      await sink.abort();
    }
    expect(readdirSync(dir)).toEqual([]);
    // Elsewhere these are ordinary names.
    const posix = new DirectorySink(dir, "linux");
    await posix.beginItem(itemStart(0, "mail/2026-01-01T10:00:00.eml"));
    await posix.endItem();
    await posix.commit({ items: [{ path: "mail/2026-01-01T10:00:00.eml" }] } as unknown as Manifest);
    expect(readdirSync(path.join(dir, "mail"))).toEqual(["2026-01-01T10:00:00.eml"]);
  });

  it("removes the staged plaintext of an open that was killed, when the next open runs in that directory", async () => {
    const dir = outDir();
    const child = stagingChild(dir, "die");
    await exited(child);
    expect(readdirSync(dir).filter((name) => name.startsWith(".lrw-staging-"))).toHaveLength(1);
    const sink = new DirectorySink(dir);
    await sink.beginItem(itemStart(0, "b.txt"));
    await sink.writeData(Buffer.from("b"));
    await sink.endItem();
    await sink.commit({ items: [{ path: "b.txt" }] } as unknown as Manifest);
    expect(readdirSync(dir)).toEqual(["b.txt"]);
  });

  it("leaves the staging of an open still running in the same directory alone", async () => {
    const dir = outDir();
    const child = stagingChild(dir, "wait");
    try {
      await new Promise<void>((done) => child.stdout?.once("data", () => done()));
      const sink = new DirectorySink(dir);
      await sink.beginItem(itemStart(0, "b.txt"));
      await sink.endItem();
      await sink.commit({ items: [{ path: "b.txt" }] } as unknown as Manifest);
      expect(readdirSync(dir).filter((name) => name.startsWith(".lrw-staging-"))).toHaveLength(1);
    } finally {
      child.kill("SIGKILL");
      await exited(child);
    }
  });
});

/** A separate process that stages an item in `dir`, then is killed (die) or waits until it is (wait). */
function stagingChild(dir: string, then: "die" | "wait"): ChildProcess {
  const script = path.join(outDir(), "child.mts");
  writeFileSync(
    script,
    `import { DirectorySink } from ${JSON.stringify(path.resolve(__dirname, "../../../shared/package/directory-sink.ts"))};
const sink = new DirectorySink(${JSON.stringify(dir)});
await sink.beginItem({ index: 0, path: "a.txt", category: "content_files", source: "test" });
await sink.writeData(Buffer.from("unverified plaintext"));
process.stdout.write("staged\\n");
${then === "die" ? 'process.kill(process.pid, "SIGKILL");' : "setInterval(() => undefined, 1000);"}
`,
  );
  return spawn(process.execPath, ["--import", "tsx", script], { cwd: path.resolve(__dirname, "../../.."), stdio: ["ignore", "pipe", "inherit"] });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once("exit", () => done())));
}
