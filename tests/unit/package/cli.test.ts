import { execFile, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCraftedPackage, createTestKeys, listFiles, segmentRange, sealToBytes, standardItems, type TestKeys } from "./package-fixtures";

const run = promisify(execFile);
/** A config home of its own, so pinning a key never touches the user's and starts empty. */
let configHome = "";
const CLI = resolve(__dirname, "../../../bin/lrw-package.ts");

let keys: TestKeys;
let dir: string;
const paths = { package: "", key: "", wrappedKey: "", providerKey: "", tampered: "" };

/** Runs the CLI as the recipient would; resolves with the exit code and output instead of throwing. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const env = { ...process.env, XDG_CONFIG_HOME: configHome };
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: resolve(__dirname, "../../.."), env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  keys = await createTestKeys();
  dir = await mkdtemp(join(tmpdir(), "lrw-cli-"));
  configHome = join(dir, "config");
  const { bytes, keyFile } = await sealToBytes(keys, standardItems().map((entry) => entry.item()));
  Object.assign(paths, {
    package: join(dir, "package.lrw"),
    key: join(dir, "requester.pem"),
    wrappedKey: join(dir, "package.key.json"),
    providerKey: join(dir, "provider.pem"),
    tampered: join(dir, "tampered.lrw"),
  });
  await writeFile(paths.package, bytes);
  await writeFile(paths.key, keys.recipientPrivateKey.export({ type: "pkcs8", format: "pem" }));
  await writeFile(paths.wrappedKey, JSON.stringify(keyFile));
  await writeFile(paths.providerKey, await keys.keyring.getSigningPublicKeyPem());
  const tampered = Buffer.from(bytes);
  const at = segmentRange(bytes, 3).start + 7;
  tampered[at] = (tampered[at] as number) ^ 0xff;
  await writeFile(paths.tampered, tampered);
}, 60_000);

describe("lrw-package CLI", () => {
  it("open writes every item and verifies signatures", async () => {
    const out = join(dir, "opened");
    const result = await cli("open", paths.package, "--key", paths.key, "--wrapped-key", paths.wrappedKey, "--provider-key", paths.providerKey, "--out", out);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("header signature valid; manifest signature valid");
    const items = standardItems();
    expect(await listFiles(out)).toEqual(items.map((entry) => entry.path).sort());
    expect((await readFile(join(out, "mail/2.eml"))).equals(items[2]!.bytes)).toBe(true);
  });

  it("verify with the key checks everything and exits 0", async () => {
    const result = await cli("verify", paths.package, "--provider-key", paths.providerKey, "--key", paths.key, "--wrapped-key", paths.wrappedKey);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/segments authenticated; 4 items match/);
  });

  it("verify without a key checks the header only and says so", async () => {
    const result = await cli("verify", paths.package, "--provider-key", paths.providerKey);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("payload NOT checked");
  });

  it("verify and open fail with exit code 1 and the exact problem on a tampered package", async () => {
    const verify = await cli("verify", paths.tampered, "--provider-key", paths.providerKey, "--key", paths.key, "--wrapped-key", paths.wrappedKey);
    expect(verify.code).toBe(1);
    expect(verify.stderr.trim()).toBe("FAILED (SEGMENT_AUTH_FAILED): segment 3 failed authentication");
    const out = join(dir, "tampered-out");
    const open = await cli("open", paths.tampered, "--key", paths.key, "--wrapped-key", paths.wrappedKey, "--provider-key", paths.providerKey, "--out", out);
    expect(open.code).toBe(1);
    expect(open.stderr).toContain("segment 3 failed authentication");
    expect(await listFiles(out)).toEqual([]);
  });

  it("exits 2 with usage on a bad command line", async () => {
    const result = await cli("open", paths.package);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("usage:");
  });

  it("refuses to open without a trusted provider key (no --provider-key, nothing pinned) and writes nothing", async () => {
    const out = join(dir, "untrusted-out");
    const open = await cli("open", paths.package, "--key", paths.key, "--wrapped-key", paths.wrappedKey, "--out", out);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain("lrw-package trust");
    expect(await listFiles(out).catch(() => [])).toEqual([]);
    expect((await cli("verify", paths.package)).code).toBe(2);
  });

  it("refuses a package forged by anyone holding the requester's public key, once the provider key is pinned", async () => {
    const forger = await createTestKeys();
    const forged = await sealToBytes({ ...forger, recipientPublicKeyPem: keys.recipientPublicKeyPem }, standardItems().map((entry) => entry.item()));
    const forgedPath = join(dir, "forged.lrw");
    const forgedKey = join(dir, "forged.key.json");
    await writeFile(forgedPath, forged.bytes);
    await writeFile(forgedKey, JSON.stringify(forged.keyFile));
    const trust = await cli("trust", paths.providerKey);
    expect(trust.code).toBe(0);
    expect(trust.stdout).toMatch(/sha256:[0-9a-f]{64}/);
    const out = join(dir, "forged-out");
    const open = await cli("open", forgedPath, "--key", paths.key, "--wrapped-key", forgedKey, "--out", out);
    expect(open.code).toBe(1);
    expect(open.stderr).toContain("HEADER_SIGNATURE_INVALID");
    expect(await listFiles(out).catch(() => [])).toEqual([]);
    // The genuine package opens with the pinned key alone.
    const genuine = await cli("open", paths.package, "--key", paths.key, "--wrapped-key", paths.wrappedKey, "--out", join(dir, "pinned-out"));
    expect(genuine.code).toBe(0);
    expect(genuine.stdout).toContain("header signature valid; manifest signature valid");
    // Pinning a different key needs --replace.
    const other = join(dir, "other-provider.pem");
    await writeFile(other, await forger.keyring.getSigningPublicKeyPem());
    expect((await cli("trust", other)).code).toBe(2);
  });

  it("refuses a package whose header signature block names another key id (the key id is signed)", async () => {
    const bytes = await readFile(paths.package);
    const headerLength = bytes.readUInt32BE(8);
    const blockStart = 12 + headerLength;
    const block = JSON.parse(bytes.subarray(blockStart + 4, blockStart + 4 + bytes.readUInt32BE(blockStart)).toString()) as { keyId: string };
    const renamed = Buffer.from(JSON.stringify({ ...block, keyId: `${block.keyId.slice(0, -1)}${block.keyId.endsWith("0") ? "1" : "0"}` }));
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(renamed.length, 0);
    const tampered = Buffer.concat([bytes.subarray(0, blockStart), prefix, renamed, bytes.subarray(blockStart + 4 + bytes.readUInt32BE(blockStart))]);
    const path = join(dir, "renamed-key-id.lrw");
    await writeFile(path, tampered);
    const verify = await cli("verify", path, "--provider-key", paths.providerKey);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain("HEADER_SIGNATURE_INVALID");
  });

  it("refuses a version 1 package unless --accept-version-1 is given, and then still checks its signatures", async () => {
    const v1 = await buildCraftedPackage(keys, [{ start: { index: 0, path: "a.txt", category: "subscriber_info", source: "directory" }, data: Buffer.from("hello") }]);
    const v1Path = join(dir, "v1.lrw");
    const v1Key = join(dir, "v1.key.json");
    await writeFile(v1Path, v1.bytes);
    await writeFile(v1Key, JSON.stringify(v1.keyFile));
    const refused = await cli("open", v1Path, "--key", paths.key, "--wrapped-key", v1Key, "--provider-key", paths.providerKey, "--out", join(dir, "v1-refused"));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("UNSUPPORTED_VERSION");
    expect(await listFiles(join(dir, "v1-refused")).catch(() => [])).toEqual([]);
    const accepted = await cli("open", v1Path, "--key", paths.key, "--wrapped-key", v1Key, "--provider-key", paths.providerKey, "--accept-version-1", "--out", join(dir, "v1-out"));
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain("format version 1");
    const forger = await createTestKeys();
    const other = join(dir, "v1-other-provider.pem");
    await writeFile(other, await forger.keyring.getSigningPublicKeyPem());
    const wrongKey = await cli("verify", v1Path, "--provider-key", other, "--accept-version-1");
    expect(wrongKey.code).toBe(1);
  });

  it("trust fetches the key from the provider's published URL (loopback http here) and refuses other schemes", async () => {
    const pem = await keys.keyring.getSigningPublicKeyPem();
    const server = createServer((_request, response) => response.end(pem));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    try {
      const { port } = server.address() as AddressInfo;
      const trusted = await cli("trust", `http://127.0.0.1:${port}/api/package-signing-key`);
      expect(trusted.code).toBe(0);
      expect(trusted.stdout).toContain("sha256:");
      expect((await cli("trust", `http://example.invalid/key.pem`)).code).toBe(2);
    } finally {
      server.close();
    }
  });
});

describe("lrw-package CLI across a provider signing-key rotation", () => {
  /** Runs `body` with a config home of its own (nothing pinned), restoring the suite's afterwards. */
  async function withFreshConfig(name: string, body: () => Promise<void>): Promise<void> {
    const saved = configHome;
    configHome = join(dir, name);
    try {
      await body();
    } finally {
      configHome = saved;
    }
  }

  /** A package sealed before and one after the provider rotates its signing key, with both public keys. */
  async function rotatedPackages(name: string): Promise<{ oldPkg: string; oldKey: string; newPkg: string; newKey: string; oldPem: string; newPem: string }> {
    const rotating = await createTestKeys();
    const before = await sealToBytes(rotating, standardItems().map((entry) => entry.item()));
    const oldPem = await rotating.keyring.getSigningPublicKeyPem();
    await rotating.keyring.rotate("package-signing");
    const after = await sealToBytes(rotating, standardItems().map((entry) => entry.item()));
    const newPem = await rotating.keyring.getSigningPublicKeyPem();
    const files = { oldPkg: join(dir, `${name}-old.lrw`), oldKey: join(dir, `${name}-old.key.json`), newPkg: join(dir, `${name}-new.lrw`), newKey: join(dir, `${name}-new.key.json`), oldPem: join(dir, `${name}-old.pem`), newPem: join(dir, `${name}-new.pem`) };
    await writeFile(files.oldPkg, before.bytes);
    await writeFile(files.oldKey, JSON.stringify(before.keyFile));
    await writeFile(files.newPkg, after.bytes);
    await writeFile(files.newKey, JSON.stringify(after.keyFile));
    await writeFile(files.oldPem, oldPem);
    await writeFile(files.newPem, newPem);
    // These packages are wrapped to the rotating keys' own requester key pair, written beside the suite's.
    await writeFile(paths.key + `.${name}`, rotating.recipientPrivateKey.export({ type: "pkcs8", format: "pem" }));
    return files;
  }

  it("R1: opens packages sealed before and after the rotation once both published keys are pinned (trust --add)", async () => {
    const files = await rotatedPackages("rotation");
    const key = `${paths.key}.rotation`;
    await withFreshConfig("config-rotation", async () => {
      expect((await cli("trust", files.oldPem)).code).toBe(0);
      // A different key still needs an explicit choice: --add (trust both) or --replace.
      const plain = await cli("trust", files.newPem);
      expect(plain.code).toBe(2);
      expect(plain.stderr).toContain("--add");
      const added = await cli("trust", files.newPem, "--add");
      expect(added.stderr).toBe("");
      expect(added.code).toBe(0);
      const oldOpen = await cli("open", files.oldPkg, "--key", key, "--wrapped-key", files.oldKey, "--out", join(dir, "rotation-old-out"));
      expect(oldOpen.stderr).toBe("");
      expect(oldOpen.code).toBe(0);
      const newOpen = await cli("open", files.newPkg, "--key", key, "--wrapped-key", files.newKey, "--out", join(dir, "rotation-new-out"));
      expect(newOpen.stderr).toBe("");
      expect(newOpen.code).toBe(0);
      expect(await listFiles(join(dir, "rotation-new-out"))).toEqual(standardItems().map((entry) => entry.path).sort());
      // A bad signature by one of the pinned keys is reported as exactly that.
      const tampered = await readFile(files.newPkg);
      const headerLength = tampered.readUInt32BE(8);
      const block = tampered.subarray(12 + headerLength + 4, 12 + headerLength + 4 + tampered.readUInt32BE(12 + headerLength)).toString();
      const at = 12 + headerLength + 4 + block.indexOf('"signature":"') + 20;
      tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
      await writeFile(`${files.newPkg}.bad`, tampered);
      const bad = await cli("verify", `${files.newPkg}.bad`);
      expect(bad.code).toBe(1);
      expect(bad.stderr.trim()).toBe("FAILED (HEADER_SIGNATURE_INVALID): header signature invalid");
    });
  });

  it("R1: a package signed by neither pinned key is still refused, naming the pinned keys", async () => {
    const files = await rotatedPackages("rotation-foreign");
    await withFreshConfig("config-rotation-foreign", async () => {
      const other = await createTestKeys();
      const otherPem = join(dir, "rotation-foreign-other.pem");
      await writeFile(otherPem, await other.keyring.getSigningPublicKeyPem());
      expect((await cli("trust", files.oldPem)).code).toBe(0);
      expect((await cli("trust", otherPem, "--add")).code).toBe(0);
      const open = await cli("open", files.newPkg, "--key", `${paths.key}.rotation-foreign`, "--wrapped-key", files.newKey, "--out", join(dir, "rotation-foreign-out"));
      expect(open.code).toBe(1);
      expect(open.stderr).toContain("HEADER_SIGNATURE_INVALID");
      expect(open.stderr).toContain("by none of the trusted provider keys");
      expect(await listFiles(join(dir, "rotation-foreign-out")).catch(() => [])).toEqual([]);
    });
  });

  it("says so when --provider-key overrides the pinned key", async () => {
    const files = await rotatedPackages("override");
    await withFreshConfig("config-override", async () => {
      expect((await cli("trust", files.oldPem)).code).toBe(0);
      const open = await cli("open", files.newPkg, "--key", `${paths.key}.override`, "--wrapped-key", files.newKey, "--provider-key", files.newPem, "--out", join(dir, "override-out"));
      expect(open.code).toBe(0);
      expect(open.stderr).toMatch(/--provider-key .*not the pinned/);
      expect(open.stdout).toMatch(/given with --provider-key/);
    });
  });
});

describe("lrw-package open interrupted", () => {
  it("removes what it staged and exits 130 when interrupted (Ctrl-C) while the package is still being read", async () => {
    const { bytes, keyFile } = await sealToBytes(keys, standardItems().map((entry) => entry.item()));
    const fifo = join(dir, "interrupted.fifo");
    await run("mkfifo", [fifo]);
    const keyPath = join(dir, "interrupted.key.json");
    await writeFile(keyPath, JSON.stringify(keyFile));
    const out = join(dir, "interrupted-out");
    await mkdir(out);
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "open", fifo, "--key", paths.key, "--wrapped-key", keyPath, "--provider-key", paths.providerKey, "--out", out], {
      cwd: resolve(__dirname, "../../.."),
      env: { ...process.env, XDG_CONFIG_HOME: configHome },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (piece: Buffer) => (stderr += piece.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once("exit", (code, signal) => done({ code, signal })));
    // The package arrives slowly (a FIFO): most of it now, the rest never.
    const writer = createWriteStream(fifo);
    writer.on("error", () => undefined);
    writer.write(bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const staged = async () => (await readdir(out)).some((name) => name.startsWith(".lrw-staging-"));
    for (let waited = 0; !(await staged()); waited += 20) {
      if (waited > 20_000) throw new Error("open never staged anything");
      await new Promise((done) => setTimeout(done, 20));
    }
    child.kill("SIGINT");
    // A read of a FIFO waits for data even when its stream is destroyed (a file's never does): end it, the rest unsent.
    await new Promise((done) => setTimeout(done, 300));
    writer.end();
    const { code, signal } = await exited;
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(stderr).toContain("interrupted");
    expect(await readdir(out)).toEqual([]);
  }, 60_000);
});
