import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LocalKeyring } from "../../../shared/adapters/keys/local-keyring";
import { makeSigningKeyHandler } from "../../../functions/handlers/signing-key-handler";
import { publicKeyFingerprint } from "../../../shared/package/recipient-key";
import { aContext, aRequest } from "../../support/http";

describe("GET /api/package-signing-key", () => {
  it("publishes the provider's public signing key with its fingerprint, for recipients to pin", async () => {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const response = await makeSigningKeyHandler(async () => ({ keys: { getSigningPublicKeyPem: async () => pem } }))(aRequest({}), aContext());
    expect(response.status).toBe(200);
    expect(response.body).toBe(pem);
    expect(response.headers).toMatchObject({ "content-type": "application/x-pem-file", "x-key-fingerprint": publicKeyFingerprint(publicKey) });
  });

  it("R12: publishes the earlier signing key versions after the current one, with their key ids and the window each signed in", async () => {
    // A recipient (or checkpoint verifier) holding a package sealed before a rotation needs the key that signed it.
    const dir = mkdtempSync(path.join(tmpdir(), "lrw-signing-keys-"));
    try {
      const keyring = new LocalKeyring({ directory: dir, modulusLength: 2048 });
      const digest = createHash("sha256").update("a manifest").digest();
      const before = await keyring.sign(digest);
      const oldPem = await keyring.getSigningPublicKeyPem();
      await keyring.rotate("package-signing");
      const after = await keyring.sign(digest);
      const currentPem = await keyring.getSigningPublicKeyPem();
      const response = await makeSigningKeyHandler(async () => ({ keys: keyring }))(aRequest({}), aContext());
      expect(response.status).toBe(200);
      const body = String(response.body);
      const blocks = body.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [];
      expect(blocks.map((block) => `${block}\n`)).toEqual([currentPem, oldPem]);
      // A reader taking the first key (lrw-package trust <url>) still gets the current one.
      expect(publicKeyFingerprint(createPublicKey(body))).toBe(publicKeyFingerprint(createPublicKey(currentPem)));
      expect(response.headers).toMatchObject({ "x-key-fingerprint": publicKeyFingerprint(createPublicKey(currentPem)) });
      const [currentText, previousText] = body.split(/-----END PUBLIC KEY-----\n/);
      expect(currentText).toContain(`Key-Id: ${after.keyId}\n`);
      expect(currentText).toContain("Status: current\n");
      expect(currentText).toMatch(/Signed-From: \d{4}-/);
      expect(currentText).not.toContain("Signed-Until");
      expect(previousText).toContain(`Key-Id: ${before.keyId}\n`);
      expect(previousText).toContain(`Fingerprint: ${publicKeyFingerprint(createPublicKey(oldPem))}\n`);
      expect(previousText).toContain("Status: previous\n");
      const from = /Signed-From: (\S+)/.exec(previousText ?? "")?.[1] ?? "";
      const until = /Signed-Until: (\S+)/.exec(previousText ?? "")?.[1] ?? "";
      expect(until).toBe(/Signed-From: (\S+)/.exec(currentText ?? "")?.[1]);
      expect(Date.parse(from)).toBeLessThanOrEqual(Date.parse(until));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
