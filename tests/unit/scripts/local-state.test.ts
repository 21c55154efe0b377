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
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)", "dist/scripts/start-local.js"], { stdio: "ignore" });
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

describe("npm start's claim on its local state, reviewed", () => {
  it("--fresh refuses, and wipes nothing, while another stack lives on the folder", async () => {
    const dir = aDir();
    const paths = localPaths(dir);
    persistedSecret(paths.adminKey, () => "the running stack's key");
    mkdirSync(paths.cosmos, { recursive: true });
    writeFileSync(path.join(paths.cosmos, "cosmos.jsonl"), "[]\n");
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)", "dist/scripts/start-local.js"], { stdio: "ignore" });
    try {
      writeFileSync(paths.pid, String(other.pid));
      // start-local.ts runs prepareLocalState(dir, fresh) and then claimLocalState(dir): the wipe comes first.
      expect(() => {
        prepareLocalState(dir, true);
        claimLocalState(dir);
      }).toThrow(/another npm start/);
      expect(readFileSync(paths.adminKey, "utf8").trim()).toBe("the running stack's key");
      expect(existsSync(path.join(paths.cosmos, "cosmos.jsonl"))).toBe(true);
    } finally {
      const exited = new Promise((r) => other.once("exit", r));
      other.kill("SIGKILL");
      await exited;
    }
  });

  it("takes over from a crashed stack whose pid now belongs to another program (after a reboot)", () => {
    const dir = aDir();
    // A live process that is not npm start: this test's parent (vitest), standing in for whatever got the pid.
    writeFileSync(localPaths(dir).pid, String(process.ppid));
    expect(() => claimLocalState(dir)).not.toThrow();
    expect(readFileSync(localPaths(dir).pid, "utf8")).toBe(String(process.pid));
  });

  it("takes over from a crashed stack that is left a zombie (its parent has not reaped it yet)", async () => {
    const dir = aDir();
    // `sleep 0 &` ends at once; its parent then execs `sleep 30`, which never reaps it: a zombie for 30 s.
    const holder = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 30"], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      const zombie = Number(await new Promise<string>((r) => holder.stdout!.once("data", (d: Buffer) => r(d.toString().trim()))));
      for (let i = 0; i < 50 && !readFileSync(`/proc/${zombie}/stat`, "utf8").includes(") Z "); i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(readFileSync(`/proc/${zombie}/stat`, "utf8")).toContain(") Z ");
      writeFileSync(localPaths(dir).pid, String(zombie));
      expect(() => claimLocalState(dir)).not.toThrow();
    } finally {
      holder.kill("SIGKILL");
    }
  });
});
