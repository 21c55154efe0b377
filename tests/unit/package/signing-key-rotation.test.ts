import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SealItem } from "../../../shared/package/seal-package";
import { createTestKeys, sealToBytes, standardItems, verifyBytes } from "./package-fixtures";

/**
 * The header is signed before the items stream and the manifest after them, each time with the signing key's
 * current version. Sealing a large package takes long enough for a planned rotation of the provider's signing key to
 * fall in between. A package whose two blocks are signed by different keys verifies against no single trusted key:
 * with the old key pinned the manifest fails, with the new one the header fails. Sealing must not produce one (it
 * fails instead, and the disclosure is retried with nothing committed).
 */
describe("a signing-key rotation while a package is being sealed", () => {
  it("never yields a package whose header and manifest are signed by different keys", async () => {
    const keys = await createTestKeys();
    const oldKey = keys.providerPublicKey;
    const [first, ...rest] = standardItems();
    async function* rotatingMidway(): AsyncIterable<SealItem> {
      yield first!.item();
      // The operator rotates the signing key while the items are still streaming.
      await keys.keyring.rotate("package-signing");
      for (const spec of rest) yield spec.item();
    }
    const sealed = await sealToBytes(keys, rotatingMidway() as unknown as SealItem[]).then(
      (result) => result,
      (error: unknown) => error,
    );
    if (sealed instanceof Error) return; // refusing to seal is a correct outcome
    const { bytes, keyFile } = sealed as Awaited<ReturnType<typeof sealToBytes>>;
    const newKey = createPublicKey(await keys.keyring.getSigningPublicKeyPem());
    // Whatever was sealed must verify against one provider key, old or new.
    const withOld = await verifyBytes(keys, bytes, keyFile, { providerPublicKey: oldKey }).then(
      () => "ok",
      (error: unknown) => (error as Error).message,
    );
    const withNew = await verifyBytes(keys, bytes, keyFile, { providerPublicKey: newKey }).then(
      () => "ok",
      (error: unknown) => (error as Error).message,
    );
    expect([withOld, withNew], `old key: ${withOld}; new key: ${withNew}`).toContain("ok");
  });
});
