import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
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
});
