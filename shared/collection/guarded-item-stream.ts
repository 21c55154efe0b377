import { Readable } from "node:stream";
import { CollectionError } from "./collection-error";

/** Limits on reading one item's bytes. */
export interface ItemStreamLimits {
  /** Longest wait for the next chunk (or the first) before the item is given up as stalled. */
  stallMs: number;
  /** The size the source listed, if any: a different byte count means the item changed under us. */
  expectedSize?: number | undefined;
}

/**
 * Passes an item's bytes through unchanged, failing with SOURCE_TIMEOUT when the next chunk does not come within
 * stallMs of being asked for (time the consumer spends elsewhere does not count), with ITEM_CHANGED when the
 * byte count differs from the listed size, and with SOURCE_UNAVAILABLE for any other failure of the stream, so a
 * stalled, cut or altered item fails the whole disclosure instead of sealing a partial one.
 */
export function guardItemStream(source: Readable, limits: ItemStreamLimits): Readable {
  // The source may fail before it is read (a prefetched request); the iterator still sees the error, but an
  // error event with no listener until then would crash the process.
  source.on("error", () => undefined);
  const out = Readable.from(guarded(source, limits), { objectMode: false });
  // Destroyed before it was first read, the generator never starts, so its finally cannot close the source.
  out.once("close", () => source.destroy());
  return out;
}

async function* guarded(source: Readable, limits: ItemStreamLimits): AsyncGenerator<Buffer> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let seen = 0;
  try {
    for (;;) {
      const next = await withStallLimit(chunks.next(), limits.stallMs);
      if (next.done === true) break;
      seen += next.value.length;
      if (limits.expectedSize !== undefined && seen > limits.expectedSize) {
        throw new CollectionError("ITEM_CHANGED", `an item is longer than the ${limits.expectedSize} bytes listed`);
      }
      yield next.value;
    }
    if (limits.expectedSize !== undefined && seen !== limits.expectedSize) {
      throw new CollectionError("ITEM_CHANGED", `an item ended after ${seen} of the ${limits.expectedSize} bytes listed`);
    }
  } catch (error) {
    throw asCollectionError(error);
  } finally {
    source.destroy();
  }
}

async function withStallLimit<T>(pending: Promise<T>, stallMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CollectionError("SOURCE_TIMEOUT", `no bytes of an item for ${stallMs} ms`)), stallMs);
  });
  try {
    return await Promise.race([pending, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps a CollectionError; anything else becomes SOURCE_UNAVAILABLE named by its type only (SDK messages can echo names). */
export function asCollectionError(error: unknown): CollectionError {
  if (error instanceof CollectionError) return error;
  const name = error instanceof Error ? error.name : typeof error;
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return new CollectionError("SOURCE_UNAVAILABLE", `an item stream failed (${name}${typeof code === "string" ? ` ${code}` : ""})`);
}
