import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { claimLocalState, localPaths, persistedSecret, prepareLocalState, releaseLocalState } from "../../../scripts/local-state";

const dirs: string[] = [];
function aDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "local-state-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("npm start's local state", () => {
  it("makes a secret once, owner-only, and returns the same one afterwards", () => {
    const file = localPaths(aDir()).adminKey;
    let made = 0;
    const first = persistedSecret(file, () => `secret-${(made += 1)}`);
    expect(persistedSecret(file, () => `secret-${(made += 1)}`)).toBe(first);
    expect(made).toBe(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("--fresh wipes everything; a plain start keeps it", () => {
    const dir = aDir();
    const paths = localPaths(dir);
    mkdirSync(paths.cosmos, { recursive: true });
    persistedSecret(paths.adminKey, () => "kept");
    prepareLocalState(dir, false);
    expect(readFileSync(paths.adminKey, "utf8").trim()).toBe("kept");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    prepareLocalState(dir, true);
    expect(existsSync(paths.adminKey)).toBe(false);
  });

  it("drops durable state and blobs left from before Cosmos was kept", () => {
    const dir = aDir();
    const paths = localPaths(dir);
    mkdirSync(paths.host, { recursive: true });
    writeFileSync(path.join(paths.host, "journal.jsonl"), "[]\n");
    mkdirSync(paths.mail, { recursive: true });
    prepareLocalState(dir, false);
    expect(existsSync(paths.host)).toBe(false);
    expect(existsSync(paths.mail)).toBe(true);
  });

  it("refuses a second stack while the first lives, and takes over after it died", async () => {
    const dir = aDir();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      writeFileSync(localPaths(dir).pid, String(other.pid));
      expect(() => claimLocalState(dir)).toThrow(/another npm start/);
    } finally {
      const exited = new Promise((r) => other.once("exit", r));
      other.kill("SIGKILL");
      await exited;
    }
    claimLocalState(dir);
    expect(readFileSync(localPaths(dir).pid, "utf8")).toBe(String(process.pid));
    releaseLocalState(dir);
    expect(existsSync(localPaths(dir).pid)).toBe(false);
  });
});
