import type { PackageSigner } from "../ports/key-service";
import type { Checkpoint } from "./checkpoint";

/**
 * The public key each checkpoint is checked against: the signing key version its keyId names (a rotation keeps old
 * versions enabled so earlier checkpoints still verify), else the current key. Every key comes from the provider's
 * own key service, never from the checkpoint.
 */
export async function checkpointKeys(signer: PackageSigner, checkpoints: readonly Checkpoint[]): Promise<(checkpoint: Checkpoint) => string> {
  const current = await signer.getSigningPublicKeyPem();
  const byKeyId = new Map<string, string>();
  for (const keyId of new Set(checkpoints.map((c) => c.keyId))) {
    const pem = (await signer.getSigningPublicKeyPemOf?.(keyId)) ?? null;
    if (pem !== null) byKeyId.set(keyId, pem);
  }
  return (checkpoint) => byKeyId.get(checkpoint.keyId) ?? current;
}
