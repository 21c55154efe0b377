import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestKeys, listFiles, segmentRange, sealToBytes, standardItems, type TestKeys } from "./package-fixtures";

const run = promisify(execFile);
const CLI = resolve(__dirname, "../../../bin/lrw-package.ts");

let keys: TestKeys;
let dir: string;
const paths = { package: "", key: "", wrappedKey: "", providerKey: "", tampered: "" };

/** Runs the CLI as the recipient would; resolves with the exit code and output instead of throwing. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: resolve(__dirname, "../../..") });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  keys = await createTestKeys();
  dir = await mkdtemp(join(tmpdir(), "lrw-cli-"));
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
    const open = await cli("open", paths.tampered, "--key", paths.key, "--wrapped-key", paths.wrappedKey, "--out", out);
    expect(open.code).toBe(1);
    expect(open.stderr).toContain("segment 3 failed authentication");
    expect(await listFiles(out)).toEqual([]);
  });

  it("exits 2 with usage on a bad command line", async () => {
    const result = await cli("open", paths.package);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("usage:");
  });
});
