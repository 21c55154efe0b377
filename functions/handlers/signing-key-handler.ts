import { createPublicKey } from "node:crypto";
import { publicKeyFingerprint } from "../../shared/package/recipient-key";
import { publishedSigningKeys, renderSigningKeySet } from "../../shared/package/signing-key-set";
import type { PackageSigner } from "../../shared/ports/key-service";
import { withProblems, type HttpHandler } from "./with-problems";

/** What the signing key endpoint needs. */
export interface SigningKeyDeps {
  keys: Pick<PackageSigner, "getSigningPublicKeyPem" | "listSigningPublicKeys">;
}

/**
 * GET /api/package-signing-key (anyone): the provider's public signing key as PEM, with its fingerprint in
 * X-Key-Fingerprint, for recipients to pin once (`lrw-package trust <url>`) and for audit checkpoint verifiers; then
 * the earlier versions, each with its key id and the window it signed in, for what was signed before a rotation.
 */
export function makeSigningKeyHandler(resolve: () => Promise<SigningKeyDeps>): HttpHandler {
  return withProblems(async () => {
    const { keys } = await resolve();
    const pem = await keys.getSigningPublicKeyPem();
    const versions = (await keys.listSigningPublicKeys?.()) ?? [];
    // The current key leads whatever the listing says, so a reader that takes the first key pins the one signing now.
    const fingerprint = publicKeyFingerprint(createPublicKey(pem));
    const published = publishedSigningKeys(versions).filter((key) => !key.current || key.fingerprint === fingerprint);
    const body = published[0]?.current === true ? renderSigningKeySet(published) : pem;
    return {
      status: 200,
      headers: { "content-type": "application/x-pem-file", "x-key-fingerprint": fingerprint, "cache-control": "public, max-age=300" },
      body,
    };
  });
}
