import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BlobServiceClient } from "@azure/storage-blob";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulators, type LocalEmulators } from "../../scripts/emulators";

const dir = mkdtempSync(path.join(tmpdir(), "durable-azurite-"));
const running: LocalEmulators[] = [];

/** The Azurite process below this one (npm start's child), found through /proc. */
function azuritePid(): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === process.pid && cmdline.includes("azurite.js") && cmdline.includes(dir)) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error("no Azurite child found");
}

async function gone(pid: number): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("Azurite did not die");
}

afterAll(async () => {
  await Promise.all(running.map((e) => e.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe("Azurite under npm start, on disk", () => {
  // README "What persists": documents and sealed packages (Blob) survive "a crash and a kill -9". A kill -9 of the
  // process group (or a machine crash) ends Azurite too, before its LokiJS metadata autosave (every 5 s) runs.
  it("keeps a blob whose upload was acknowledged when the whole process tree is killed -9 right after", async () => {
    const first = await startEmulators({ azuriteDir: path.join(dir, "azurite") });
    running.push(first);
    const blobs = BlobServiceClient.fromConnectionString(first.blobConnectionString);
    const container = blobs.getContainerClient("documents");
    await container.createIfNotExists();
    await new Promise((r) => setTimeout(r, 6_000)); // the container itself has been saved by the autosave
    await container.getBlockBlobClient("legal-process.pdf").upload("%PDF-1.4 acknowledged", 21);
    const pid = azuritePid();
    process.kill(pid, "SIGKILL");
    await gone(pid);
    await first.stop();

    const second = await startEmulators({ azuriteDir: path.join(dir, "azurite") });
    running.push(second);
    const again = BlobServiceClient.fromConnectionString(second.blobConnectionString).getContainerClient("documents");
    const read = await again.getBlockBlobClient("legal-process.pdf").downloadToBuffer().then((b) => b.toString(), (e: { statusCode?: number }) => `HTTP ${String(e.statusCode)}`);
    expect(read).toBe("%PDF-1.4 acknowledged");
  }, 60_000);

  it("names the folder and what to do when a crash left its files unreadable", async () => {
    const broken = path.join(dir, "broken");
    mkdirSync(broken, { recursive: true });
    // A database file cut short (a machine crash between LokiJS's write and the disk).
    writeFileSync(path.join(broken, "__azurite_db_blob__.json"), '{"filename":"__azurite_db_blob__.json","collections":[{"name":"$SERVI');
    const failure = await startEmulators({ azuriteDir: broken }).then(
      (started) => (running.push(started), "started"),
      (error: Error) => error.message,
    );
    expect(failure).toContain(broken);
    expect(failure).toContain("--fresh");
  }, 60_000);
});
