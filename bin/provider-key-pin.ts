/** The provider's public signing key as the recipient pinned it once (lrw-package trust), under the user's config dir. */
import { createPublicKey, type KeyObject } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { publicKeyFingerprint } from "../shared/package/recipient-key";

/** Why a key could not be pinned (the CLI answers exit code 2). */
export class PinError extends Error {}

/** Where the pinned key lives: $XDG_CONFIG_HOME (or ~/.config, %APPDATA% on Windows)/lrw-package/provider-key.pem. */
export function pinnedProviderKeyPath(): string {
  const base = process.env.XDG_CONFIG_HOME ?? (process.platform === "win32" ? (process.env.APPDATA ?? homedir()) : path.join(homedir(), ".config"));
  return path.join(base, "lrw-package", "provider-key.pem");
}

/** The pinned provider keys (several after a rotation: `trust --add`), oldest first; empty when none has been pinned. */
export async function readPinnedProviderKeys(): Promise<KeyObject[]> {
  let pem: string;
  try {
    pem = await readFile(pinnedProviderKeyPath(), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return (pem.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [pem]).map((block) => createPublicKey(block));
}

/** Reads a PEM from a file or an https:// URL (the provider's published location; plain http only on this machine, for npm start). */
async function fetchPem(source: string): Promise<string> {
  if (/^https:\/\//i.test(source) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//i.test(source)) {
    const response = await fetch(source, { redirect: "error" });
    if (!response.ok) throw new PinError(`cannot fetch ${source}: HTTP ${response.status}`);
    return response.text();
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) throw new PinError("only https:// URLs or files can be trusted");
  try {
    return await readFile(source, "utf8");
  } catch (error) {
    throw new PinError(`cannot read ${source}: ${(error as Error).message}`);
  }
}

/**
 * Pins the provider's public signing key (an RSA public key of at least 2048 bits). A different key already
 * pinned is kept unless `replace` is set, so a package can never quietly re-pin trust; `add` trusts the new key
 * alongside the pinned ones (the provider publishes a rotated key alongside the old, and packages sealed before
 * the rotation stay signed by the old one).
 */
export async function pinProviderKey(source: string, mode: { replace: boolean; add: boolean }): Promise<{ fingerprint: string; path: string }> {
  let key: KeyObject;
  try {
    key = createPublicKey(await fetchPem(source));
  } catch (error) {
    if (error instanceof PinError) throw error;
    throw new PinError(`${source} is not a PEM public key`);
  }
  if (key.asymmetricKeyType !== "rsa" || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new PinError("the provider signing key must be an RSA public key of at least 2048 bits");
  }
  const fingerprint = publicKeyFingerprint(key);
  const target = pinnedProviderKeyPath();
  const existing = await readPinnedProviderKeys();
  const others = existing.filter((pinned) => publicKeyFingerprint(pinned) !== fingerprint);
  if (others.length > 0 && !mode.replace && !mode.add) {
    const pinned = others.map((other) => publicKeyFingerprint(other)).join(", ");
    throw new PinError(`another provider key (${pinned}) is pinned; give --add to trust ${fingerprint} as well (a rotated key) or --replace to pin it instead`);
  }
  const kept = mode.replace ? [] : others;
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const staging = `${target}.${process.pid}.tmp`;
  await writeFile(staging, [...kept, key].map((each) => each.export({ type: "spki", format: "pem" })).join(""), { mode: 0o644 });
  await rename(staging, target);
  return { fingerprint, path: target };
}
