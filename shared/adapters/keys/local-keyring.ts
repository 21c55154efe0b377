import { createPrivateKey, createPublicKey, generateKeyPair, randomUUID, type KeyObject } from "node:crypto";
import { chmod, mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { rsaOaep256Wrap } from "../../package/recipient-key";
import { KeyServiceError, SIGN_ALGORITHM, WRAP_ALGORITHM, type DigestSignature, type KeyService, type SigningKeyVersion, type WrappedKey } from "../../ports/key-service";
import { pssEncodeDigest } from "./pss-sign-digest";
import { RsaPrivateThread } from "./rsa-private-thread";

const generateRsa = promisify(generateKeyPair);
const KEY_ID_PREFIX = "local:";

/** One thread for every keyring of the process: see RsaPrivateThread. */
const rsaThread = new RsaPrivateThread();

/** A key version as loaded: its id, the private key's PEM (for the RSA thread), and its public half. */
interface LoadedKey {
  keyId: string;
  pem: string;
  publicKey: KeyObject;
  modulusBits: number;
}

/** Where the development keyring lives and which key names it uses. */
export interface LocalKeyringOptions {
  directory: string;
  wrapKeyName?: string;
  signKeyName?: string;
  modulusLength?: number;
}

/**
 * A development KeyService backed by PEM files (`<dir>/<name>/<version>.pem`, mode 0600, created on first use),
 * for `npm start` without Key Vault. Key ids are `local:<name>/<version>`, versioned like Key Vault's.
 */
export class LocalKeyring implements KeyService {
  readonly holder = "local" as const;
  private readonly wrapKeyName: string;
  private readonly signKeyName: string;
  private readonly modulusLength: number;
  private readonly current = new Map<string, Promise<LoadedKey>>();
  /** Versions never change once written, so each is read and parsed once. */
  private readonly versions = new Map<string, Promise<LoadedKey>>();

  constructor(private readonly options: LocalKeyringOptions) {
    this.wrapKeyName = options.wrapKeyName ?? "package-kek";
    this.signKeyName = options.signKeyName ?? "package-signing";
    this.modulusLength = options.modulusLength ?? 3072;
  }

  async wrapKey(dataKey: Uint8Array): Promise<WrappedKey> {
    const { keyId, publicKey } = await this.currentVersion(this.wrapKeyName);
    return { holder: this.holder, keyId, algorithm: WRAP_ALGORITHM, wrapped: rsaOaep256Wrap(publicKey, dataKey) };
  }

  async unwrapKey(wrapped: WrappedKey): Promise<Uint8Array> {
    const { pem } = await this.loadVersion(wrapped.keyId);
    const dataKey = await rsaThread.oaep256(pem, wrapped.wrapped);
    if (dataKey?.length !== 32) throw new KeyServiceError("KEY_SERVICE_FAILED", `unwrap with ${wrapped.keyId} failed`);
    return dataKey;
  }

  recognisesKeyId(keyId: string): boolean {
    return keyId.startsWith(`${KEY_ID_PREFIX}${this.wrapKeyName}/`);
  }

  async sign(digest: Uint8Array): Promise<DigestSignature> {
    const { keyId, pem, modulusBits } = await this.currentVersion(this.signKeyName);
    return { keyId, algorithm: SIGN_ALGORITHM, signature: await rsaThread.raw(pem, pssEncodeDigest(modulusBits, digest)) };
  }

  async getSigningPublicKeyPem(): Promise<string> {
    const { publicKey } = await this.currentVersion(this.signKeyName);
    return publicKey.export({ type: "spki", format: "pem" }).toString();
  }

  async getSigningPublicKeyPemOf(keyId: string): Promise<string | null> {
    if (!keyId.startsWith(`${KEY_ID_PREFIX}${this.signKeyName}/`)) return null;
    try {
      const { publicKey } = await this.loadVersion(keyId);
      return publicKey.export({ type: "spki", format: "pem" }).toString();
    } catch (error) {
      if (error instanceof KeyServiceError && (error.code === "KEY_NOT_FOUND" || error.code === "KEY_ID_NOT_RECOGNISED")) return null;
      throw error;
    }
  }

  async listSigningPublicKeys(): Promise<SigningKeyVersion[]> {
    const current = await this.currentVersion(this.signKeyName);
    const dir = join(this.options.directory, this.signKeyName);
    const versions: SigningKeyVersion[] = [];
    for (const name of await readdir(dir)) {
      const version = /^([0-9a-f]{32})\.pem$/.exec(name)?.[1];
      if (version === undefined) continue;
      const keyId = `${KEY_ID_PREFIX}${this.signKeyName}/${version}`;
      const { publicKey } = await this.loadVersion(keyId);
      // A version file is written once and never changed, so its modification time is when the version was created.
      const createdOn = (await stat(join(dir, name))).mtime;
      const entry = { keyId, pem: publicKey.export({ type: "spki", format: "pem" }).toString(), createdOn };
      if (keyId === current.keyId) versions.unshift(entry);
      else versions.push(entry);
    }
    return versions;
  }

  /** Creates a new version of a key and makes it current; older versions stay readable. */
  async rotate(keyName: string): Promise<string> {
    const created = this.createVersion(keyName);
    this.current.set(keyName, created);
    return (await created).keyId;
  }

  private currentVersion(keyName: string): Promise<LoadedKey> {
    let entry = this.current.get(keyName);
    if (entry === undefined) {
      entry = this.readOrCreateCurrent(keyName);
      this.current.set(keyName, entry);
    }
    return entry;
  }

  private async readOrCreateCurrent(keyName: string): Promise<LoadedKey> {
    const version = await readOptional(join(this.options.directory, keyName, "current"));
    if (version === undefined) return this.createVersion(keyName);
    return this.loadVersion(`${KEY_ID_PREFIX}${keyName}/${version.trim()}`);
  }

  private async createVersion(keyName: string): Promise<LoadedKey> {
    const dir = join(this.options.directory, keyName);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(this.options.directory, 0o700);
    await chmod(dir, 0o700);
    const version = randomUUID().replaceAll("-", "");
    const { privateKey } = await generateRsa("rsa", { modulusLength: this.modulusLength });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" });
    await writeFile(join(dir, `${version}.pem`), pem, { mode: 0o600, flag: "wx" });
    // The pointer is replaced atomically so a concurrent reader never sees a half-written version.
    const pointer = join(dir, `current.${version}.tmp`);
    await writeFile(pointer, version, { mode: 0o600 });
    await rename(pointer, join(dir, "current"));
    const keyId = `${KEY_ID_PREFIX}${keyName}/${version}`;
    const loaded = loadedKey(keyId, pem.toString(), privateKey);
    this.versions.set(keyId, Promise.resolve(loaded));
    return loaded;
  }

  private loadVersion(keyId: string): Promise<LoadedKey> {
    let loading = this.versions.get(keyId);
    if (loading === undefined) {
      loading = this.readVersion(keyId);
      this.versions.set(keyId, loading);
      // A version that could not be read is tried again next time (it may be restored).
      loading.catch(() => this.versions.delete(keyId));
    }
    return loading;
  }

  private async readVersion(keyId: string): Promise<LoadedKey> {
    const match = /^local:([A-Za-z0-9_-]+)\/([0-9a-f]{32})$/.exec(keyId);
    if (match === null) throw new KeyServiceError("KEY_ID_NOT_RECOGNISED", `${keyId} is not a local keyring key id`);
    const pem = await readOptional(join(this.options.directory, match[1] as string, `${match[2] as string}.pem`));
    if (pem === undefined) throw new KeyServiceError("KEY_NOT_FOUND", `key ${keyId} is not in the local keyring`);
    return loadedKey(keyId, pem, createPrivateKey(pem));
  }
}

function loadedKey(keyId: string, pem: string, privateKey: KeyObject): LoadedKey {
  const modulusBits = privateKey.asymmetricKeyDetails?.modulusLength;
  if (privateKey.asymmetricKeyType !== "rsa" || modulusBits === undefined) throw new KeyServiceError("KEY_SERVICE_FAILED", `${keyId} is not an RSA key`);
  return { keyId, pem, publicKey: createPublicKey(privateKey), modulusBits };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
