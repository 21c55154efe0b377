import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt, randomUUID, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signDigestPs256 } from "../../../shared/adapters/keys/pss-sign-digest";
import type { TestCertificate } from "../../support/https-test-cert";

/** The bearer token the test credential hands out; the server accepts nothing else. */
export const TEST_TOKEN = "test-token-not-a-secret";

interface KeyVersion {
  version: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  expiresOn?: Date;
  /** Creation time in whole seconds (each version a second after the previous one, so their order shows). */
  created: number;
  enabled?: boolean;
  /** The operations the key permits (key_ops); every operation when not set. */
  keyOps?: string[];
}

/**
 * A small HTTPS stand-in for the Key Vault keys REST API, enough for @azure/keyvault-keys: the bearer challenge,
 * get key, list key versions, wrapkey, unwrapkey and sign. Every request is logged as "METHOD /path" for assertions.
 */
export class KeyVaultTestServer {
  readonly requests: string[] = [];
  private readonly keys = new Map<string, KeyVersion[]>();
  private readonly revoked = new Set<string>();
  private server: Server | undefined;
  private url = "";
  private created = 0;

  constructor(private readonly certificate: TestCertificate) {}

  /** The vault URL, https://127.0.0.1:<port>. */
  get vaultUrl(): string {
    return this.url;
  }

  async start(): Promise<void> {
    this.server = createServer({ cert: this.certificate.cert, key: this.certificate.key }, (request, response) => {
      void this.handle(request, response);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Creates a new version of a key (the first call creates the key); returns the full versioned id. */
  createVersion(name: string, expiresOn?: Date): string {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const version = randomUUID().replaceAll("-", "");
    const versions = this.keys.get(name) ?? [];
    versions.push({ version, privateKey, publicKey, expiresOn, created: 1_700_000_000 + this.created++ });
    this.keys.set(name, versions);
    return `${this.url}/keys/${name}/${version}`;
  }

  /** Sets an expiry on one version. */
  expireVersion(name: string, version: string, at: Date): void {
    const found = this.keys.get(name)?.find((entry) => entry.version === version);
    if (found === undefined) throw new Error(`no version ${version} of ${name}`);
    found.expiresOn = at;
  }

  /** Limits the operations one version permits (Key Vault's key_ops), as the customer may do to its own key. */
  restrictOps(name: string, version: string, keyOps: string[]): void {
    const found = this.keys.get(name)?.find((entry) => entry.version === version);
    if (found === undefined) throw new Error(`no version ${version} of ${name}`);
    found.keyOps = keyOps;
  }

  /** Disables one version (Key Vault then refuses to get it, and lists it as disabled). */
  disableVersion(name: string, version: string): void {
    const found = this.keys.get(name)?.find((entry) => entry.version === version);
    if (found === undefined) throw new Error(`no version ${version} of ${name}`);
    found.enabled = false;
  }

  /** Every later request for this key answers 403, as after an RBAC revocation. */
  revoke(name: string): void {
    this.revoked.add(name);
  }

  /** The key and all its versions are gone (404). */
  remove(name: string): void {
    this.keys.delete(name);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", this.url);
    this.requests.push(`${request.method ?? "?"} ${url.pathname}`);
    const body = await readBody(request);
    const authorization = request.headers.authorization;
    if (authorization === undefined) {
      response.writeHead(401, {
        "WWW-Authenticate": 'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net"',
      });
      response.end();
      return;
    }
    if (authorization !== `Bearer ${TEST_TOKEN}`) return sendError(response, 401, "Unauthorized", "bad token");
    const match = /^\/keys\/([^/]+)(?:\/([^/]*))?(?:\/(wrapkey|unwrapkey|sign))?\/?$/.exec(url.pathname);
    if (match === null) return sendError(response, 400, "BadParameter", "unsupported path");
    const [, name = "", version, operation] = match;
    if (this.revoked.has(name)) return sendError(response, 403, "Forbidden", "caller is not authorised");
    const versions = this.keys.get(name);
    if (request.method === "GET" && version === "versions" && operation === undefined) {
      if (versions === undefined) return sendError(response, 404, "KeyNotFound", "key not found");
      const value = versions.map((entry) => ({ kid: `${this.url}/keys/${name}/${entry.version}`, attributes: this.attributes(entry) }));
      return sendJson(response, 200, { value, nextLink: null });
    }
    const key = version === undefined || version === "" ? versions?.at(-1) : versions?.find((entry) => entry.version === version);
    if (key === undefined) return sendError(response, 404, "KeyNotFound", "key not found");
    const kid = `${this.url}/keys/${name}/${key.version}`;
    if (key.enabled === false && operation === undefined) return sendError(response, 403, "Forbidden", "Operation get is not allowed on a disabled key.");
    if (request.method === "GET" && operation === undefined) return sendJson(response, 200, this.bundle(kid, key));
    if (request.method !== "POST" || operation === undefined) return sendError(response, 405, "MethodNotAllowed", "unsupported");
    const parsed = JSON.parse(body.toString("utf8")) as { alg: string; value: string };
    const value = Buffer.from(parsed.value, "base64url");
    const oaep = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" };
    if (operation === "wrapkey" && parsed.alg === "RSA-OAEP-256") {
      return sendJson(response, 200, { kid, value: publicEncrypt({ key: key.publicKey, ...oaep }, value).toString("base64url") });
    }
    if (operation === "unwrapkey" && parsed.alg === "RSA-OAEP-256") {
      return sendJson(response, 200, { kid, value: privateDecrypt({ key: key.privateKey, ...oaep }, value).toString("base64url") });
    }
    if (operation === "sign" && parsed.alg === "PS256") {
      return sendJson(response, 200, { kid, value: signDigestPs256(key.privateKey, value).toString("base64url") });
    }
    return sendError(response, 400, "BadParameter", `unsupported algorithm ${parsed.alg}`);
  }

  private bundle(kid: string, key: KeyVersion): unknown {
    const jwk = key.publicKey.export({ format: "jwk" });
    return { key: { kid, kty: "RSA", key_ops: key.keyOps ?? ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"], n: jwk.n, e: jwk.e }, attributes: this.attributes(key) };
  }

  private attributes(key: KeyVersion): Record<string, unknown> {
    const attributes: Record<string, unknown> = { enabled: key.enabled !== false, created: key.created, updated: key.created, recoveryLevel: "Recoverable+Purgeable" };
    if (key.expiresOn !== undefined) attributes.exp = Math.floor(key.expiresOn.getTime() / 1000);
    return attributes;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, { error: { code, message } });
}
