import type { KeyWrapper, WrappedKey } from "../ports/key-service";

/** Called after each successful key use, with an audit step and a detail naming key ids only. */
export type KeyUseRecorder = (step: "key_wrapped" | "key_unwrapped", detail: string) => Promise<void>;

/** A KeyWrapper that reports every wrap and unwrap it performs (R7, R12); the key material never leaves it. */
export function auditedKeyWrapper(wrapper: KeyWrapper, packageId: string, record: KeyUseRecorder): KeyWrapper {
  return {
    holder: wrapper.holder,
    async wrapKey(dataKey: Uint8Array): Promise<WrappedKey> {
      const wrapped = await wrapper.wrapKey(dataKey);
      await record("key_wrapped", `data key of package ${packageId} wrapped under ${wrapped.holder} key ${wrapped.keyId}`);
      return wrapped;
    },
    async unwrapKey(wrapped: WrappedKey): Promise<Uint8Array> {
      const dataKey = await wrapper.unwrapKey(wrapped);
      try {
        await record("key_unwrapped", `data key of package ${packageId} unwrapped with ${wrapped.holder} key ${wrapped.keyId} to re-wrap it for the requester`);
      } catch (error) {
        // An unaudited key use must not go ahead: the key is wiped and the failure passed on.
        dataKey.fill(0);
        throw error;
      }
      return dataKey;
    },
    recognisesKeyId: (keyId: string) => wrapper.recognisesKeyId(keyId),
  };
}
