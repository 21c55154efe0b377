import type { ItemSink } from "./open-package";

/** A sink that keeps nothing: used to verify a package (items are still hashed by the opener). */
export function createDiscardSink(): ItemSink {
  return {
    beginItem: async () => undefined,
    writeData: async () => undefined,
    endItem: async () => undefined,
    commit: async () => undefined,
    abort: async () => undefined,
  };
}
