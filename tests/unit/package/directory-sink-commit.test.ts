import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DirectorySink } from "../../../shared/package/directory-sink";
import type { ItemStart, Manifest } from "../../../shared/package/format";

// What happens to a destination at the moment an item is moved into place: another process creating a file there
// (between the existence check and the move), or the move failing outright.
const atMove = vi.hoisted(() => ({ hooks: new Map<string, "race" | "fail">() }));

vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const { writeFileSync: write } = await import("node:fs");
  const before = (to: string): void => {
    const hook = atMove.hooks.get(path.basename(to));
    if (hook === "race") write(to, "the recipient's own file");
    if (hook === "fail") throw Object.assign(new Error(`EIO: i/o error, ${to}`), { code: "EIO" });
  };
  const wrapped = {
    ...fs,
    rename: async (from: string, to: string) => (before(to), fs.rename(from, to)),
    link: async (from: string, to: string) => (before(to), fs.link(from, to)),
    copyFile: async (from: string, to: string, mode?: number) => (before(to), fs.copyFile(from, to, mode)),
  };
  return { ...wrapped, default: wrapped };
});

const dirs: string[] = [];
afterEach(() => {
  atMove.hooks.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lrw-sink-commit-"));
  dirs.push(dir);
  return dir;
}

const itemStart = (index: number, itemPath: string): ItemStart => ({ index, path: itemPath, category: "content_files", source: "test" });

async function staged(dir: string, paths: string[]): Promise<{ sink: DirectorySink; manifest: Manifest }> {
  const sink = new DirectorySink(dir);
  for (const [index, itemPath] of paths.entries()) {
    await sink.beginItem(itemStart(index, itemPath));
    await sink.writeData(Buffer.from(`package bytes of ${itemPath}`));
    await sink.endItem();
  }
  return { sink, manifest: { items: paths.map((p) => ({ path: p })) } as unknown as Manifest };
}

const visible = (dir: string): string[] => readdirSync(dir).filter((name) => !name.startsWith(".lrw-staging-")).sort();

describe("DirectorySink commit on the recipient's machine", () => {
  it("R1: refuses an item whose folder in the output directory is a symbolic link, and writes nothing through it", async () => {
    const dir = tempDir();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, path.join(dir, "mail"));
    const { sink, manifest } = await staged(dir, ["a.txt", "mail/1.eml"]);
    await expect(sink.commit(manifest)).rejects.toMatchObject({ code: "UNSAFE_ITEM_PATH", message: expect.stringContaining("symbolic link") as string });
    await sink.abort();
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(visible(dir)).toEqual(["mail"]);
  });

  it("R1: refuses an item whose output path is a symbolic link, even one pointing nowhere, and leaves the link alone", async () => {
    const dir = tempDir();
    const elsewhere = tempDir();
    symlinkSync(path.join(elsewhere, "planted.eml"), path.join(dir, "1.eml"));
    const { sink, manifest } = await staged(dir, ["1.eml"]);
    await expect(sink.commit(manifest)).rejects.toMatchObject({ code: "UNSAFE_ITEM_PATH" });
    await sink.abort();
    expect(lstatSync(path.join(dir, "1.eml")).isSymbolicLink()).toBe(true);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it("R1: a file created at an output path after the check is never replaced (the move refuses to overwrite), and nothing of the package stays", async () => {
    const dir = tempDir();
    const { sink, manifest } = await staged(dir, ["a.txt", "mail/race.txt"]);
    atMove.hooks.set("race.txt", "race");
    await expect(sink.commit(manifest)).rejects.toMatchObject({ code: "UNSAFE_ITEM_PATH" });
    await sink.abort();
    expect(readFileSync(path.join(dir, "mail", "race.txt"), "utf8")).toBe("the recipient's own file");
    expect(existsSync(path.join(dir, "a.txt"))).toBe(false);
  });

  it("R6: a commit that fails halfway removes the items and folders it already put in place (no smaller-looking package is left)", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "kept"));
    writeFileSync(path.join(dir, "kept", "own.txt"), "mine");
    const { sink, manifest } = await staged(dir, ["a.txt", "mail/b.eml", "kept/c.txt", "files/d.bin"]);
    atMove.hooks.set("d.bin", "fail");
    await expect(sink.commit(manifest)).rejects.toMatchObject({ code: "EIO" });
    await sink.abort();
    expect(readdirSync(dir).sort()).toEqual(["kept"]);
    expect(readdirSync(path.join(dir, "kept"))).toEqual(["own.txt"]);
  });

  it("still moves every item into place when nothing is in the way", async () => {
    const dir = tempDir();
    const { sink, manifest } = await staged(dir, ["a.txt", "mail/b.eml", "mail/deep/c.eml"]);
    await sink.commit(manifest);
    expect(readdirSync(dir).sort()).toEqual(["a.txt", "mail"]);
    expect(readFileSync(path.join(dir, "mail", "deep", "c.eml"), "utf8")).toBe("package bytes of mail/deep/c.eml");
  });
});
