import type { Readable } from "node:stream";

/** Something with a stream to open, as collection hands items on. */
export interface Openable {
  open(): Readable;
}

/**
 * Yields the items in order while the next `depth` items' streams are already opened, so the requests of later
 * items overlap the reading of earlier ones (each open stream holds at most its buffer: memory stays flat).
 * An item's first open() returns its prefetched stream, later calls a fresh one. Streams opened ahead are
 * destroyed when the consumer stops early or fails.
 */
export async function* prefetchItems<T extends Openable>(items: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  if (depth <= 1) {
    yield* items;
    return;
  }
  const source = items[Symbol.asyncIterator]();
  const queue: { item: T; stream: Readable; taken: boolean }[] = [];
  let done = false;
  const fill = async () => {
    while (!done && queue.length < depth) {
      const next = await source.next();
      if (next.done === true) {
        done = true;
        break;
      }
      const stream = next.value.open();
      // An error before the consumer reaches this item is reported when it reads it; until then it must not crash the process.
      stream.on("error", () => undefined);
      queue.push({ item: next.value, stream, taken: false });
    }
  };
  try {
    await fill();
    while (queue.length > 0) {
      const entry = queue.shift() as (typeof queue)[number];
      const original = entry.item;
      const prefetched: T = Object.assign(Object.create(Object.getPrototypeOf(original) as object) as T, original, {
        open: (): Readable => {
          if (entry.taken) return original.open();
          entry.taken = true;
          return entry.stream;
        },
      });
      yield prefetched;
      if (!entry.taken) entry.stream.destroy();
      await fill();
    }
  } finally {
    for (const entry of queue) entry.stream.destroy();
    if (!done) await source.return?.();
  }
}
