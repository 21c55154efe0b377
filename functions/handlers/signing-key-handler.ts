import { createPublicKey } from "node:crypto";
import { publicKeyFingerprint } from "../../shared/package/recipient-key";
import type { PackageSigner } from "../../shared/ports/key-service";
import { withProblems, type HttpHandler } from "./with-problems";

/** What the signing key endpoint needs. */
export interface SigningKeyDeps {
  keys: Pick<PackageSigner, "getSigningPublicKeyPem">;
}

/**
 * GET /api/package-signing-key (anyone): the provider's public signing key as PEM, with its fingerprint in
 * X-Key-Fingerprint, for recipients to pin once (`lrw-package trust <url>`) and for audit checkpoint verifiers.
 */
export function makeSigningKeyHandler(resolve: () => Promise<SigningKeyDeps>): HttpHandler {
  return withProblems(async () => {
    const pem = await (await resolve()).keys.getSigningPublicKeyPem();
    return {
      status: 200,
      headers: { "content-type": "application/x-pem-file", "x-key-fingerprint": publicKeyFingerprint(createPublicKey(pem)), "cache-control": "public, max-age=300" },
      body: pem,
    };
  });
}
