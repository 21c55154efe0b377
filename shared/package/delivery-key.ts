import type { KeyWrapper } from "../ports/key-service";
import { KeyServiceError } from "../ports/key-service";
import type { WrappedKeyFile } from "./format";
import { inspectPackage } from "./open-package";
import { toWrappedKeyFile, wrapKeyForRecipient } from "./recipient-key";

/** Reads a package's header, unwraps its data key through `wrapper` and re-wraps it to the requester's public key. */
export async function createDeliveryKeyFile(
  packageSource: AsyncIterable<Uint8Array>,
  wrapper: KeyWrapper,
  recipientPublicKeyPem: string,
): Promise<WrappedKeyFile> {
  const { header } = await inspectPackage(packageSource);
  const entry = header.wrappedKeys.find((candidate) => wrapper.recognisesKeyId(candidate.keyId));
  if (entry === undefined) throw new KeyServiceError("KEY_ID_NOT_RECOGNISED", `package ${header.packageId} has no data key wrapped under this key service`);
  const dataKey = await wrapper.unwrapKey({
    holder: entry.holder,
    keyId: entry.keyId,
    algorithm: entry.algorithm,
    wrapped: Buffer.from(entry.wrappedKey, "base64"),
  });
  try {
    return toWrappedKeyFile(header.packageId, wrapKeyForRecipient(dataKey, recipientPublicKeyPem));
  } finally {
    dataKey.fill(0);
  }
}
