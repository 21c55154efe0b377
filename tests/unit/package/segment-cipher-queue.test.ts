import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { SegmentCipherQueue, WORKER_AFTER_BYTES, type SegmentOutcome } from "../../../shared/package/segment-cipher-queue";
import { decryptSegment, encryptSegment } from "../../../shared/package/stream-cipher";

const SEGMENT = 64 * 1024;
const key = randomBytes(32);
const prefix = randomBytes(7);
const queues: SegmentCipherQueue[] = [];

afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.close();
});

function open(mode: "seal" | "open"): SegmentCipherQueue {
  const queue = new SegmentCipherQueue(mode, key, prefix, SEGMENT);
  queues.push(queue);
  return queue;
}

/** Submits inputs one after another (taking the oldest when full) and returns every outcome in order. */
async function runAll(queue: SegmentCipherQueue, inputs: { index: number; final: boolean; bytes: Buffer }[]): Promise<SegmentOutcome[]> {
  const outcomes: SegmentOutcome[] = [];
  for (const input of inputs) {
    if (queue.inFlight >= queue.capacity) outcomes.push(await queue.takeOldest());
    queue.submit(input.index, input.final, input.bytes);
  }
  while (queue.inFlight > 0) outcomes.push(await queue.takeOldest());
  return outcomes;
}

/** Pushes segments through until they go to the cipher thread (it starts past the threshold and comes online a little later). */
async function warmUp(queue: SegmentCipherQueue, input: (index: number) => Buffer): Promise<number> {
  const deadline = Date.now() + 20_000;
  let index = 0;
  while (!queue.onCipherThread || index * SEGMENT <= WORKER_AFTER_BYTES) {
    if (Date.now() > deadline) throw new Error("the cipher thread never came online");
    await runAll(queue, [{ index, final: false, bytes: input(index) }]);
    index += 1;
    if (queue.onCipherThread) continue;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return index;
}

function plaintextOf(index: number): Buffer {
  return Buffer.alloc(SEGMENT, index % 251);
}

function sealInline(index: number, final: boolean): Buffer {
  return Buffer.concat(encryptSegment(key, prefix, index, final, plaintextOf(index)));
}

describe("SegmentCipherQueue", () => {
  it("keeps small packages on the calling thread", async () => {
    const queue = open("seal");
    const outcomes = await runAll(queue, [0, 1, 2].map((index) => ({ index, final: index === 2, bytes: plaintextOf(index) })));
    expect(queue.onCipherThread).toBe(false);
    expect(outcomes.map((outcome) => Buffer.concat(outcome.output as Buffer[]))).toEqual([0, 1, 2].map((index) => sealInline(index, index === 2)));
  });

  it("seals on the cipher thread exactly as on the calling thread, in order, and reuses the caller's buffer safely", async () => {
    const queue = open("seal");
    const first = await warmUp(queue, plaintextOf);
    // Not a multiple of the batch size, so the last batch goes part-filled.
    const indexes = Array.from({ length: 3 * queue.capacity + 5 }, (_, offset) => first + offset);
    const shared = Buffer.alloc(SEGMENT);
    const outcomes: SegmentOutcome[] = [];
    for (const index of indexes) {
      if (queue.inFlight >= queue.capacity) outcomes.push(await queue.takeOldest());
      // One buffer for every segment: the queue must have copied it before submit() returned.
      plaintextOf(index).copy(shared);
      queue.submit(index, index === indexes.at(-1), shared);
    }
    while (queue.inFlight > 0) outcomes.push(await queue.takeOldest());
    expect(queue.onCipherThread).toBe(true);
    expect(outcomes.map((outcome) => outcome.index)).toEqual(indexes);
    // equals() rather than toEqual(): a deep comparison of a few hundred 64 KiB buffers takes vitest minutes.
    const mismatched = outcomes.filter((outcome) => !Buffer.concat(outcome.output as Buffer[]).equals(sealInline(outcome.index, outcome.final)));
    expect(mismatched.map((outcome) => outcome.index)).toEqual([]);
  });

  it("opens on the cipher thread and tells a tampered segment from one sealed with the other final flag", async () => {
    const queue = open("open");
    const first = await warmUp(queue, (index) => sealInline(index, false));
    const tampered = sealInline(first + 1, false);
    tampered[10] = (tampered[10] as number) ^ 1;
    const outcomes = await runAll(queue, [
      { index: first, final: false, bytes: sealInline(first, false) },
      { index: first + 1, final: false, bytes: tampered },
      // Sealed as final but opened as non-final: what a reader sees when data follows the final segment.
      { index: first + 2, final: false, bytes: sealInline(first + 2, true) },
    ]);
    expect(queue.onCipherThread).toBe(true);
    expect(outcomes[0]?.output).toEqual([plaintextOf(first)]);
    expect(outcomes[1]).toMatchObject({ index: first + 1, output: undefined, otherFlagOpens: false });
    expect(outcomes[2]).toMatchObject({ index: first + 2, output: undefined, otherFlagOpens: true });
    expect(decryptSegment(key, prefix, first + 2, true, sealInline(first + 2, true))).toEqual(plaintextOf(first + 2));
  });

  it("refuses more than its capacity in flight", () => {
    const queue = open("seal");
    for (let index = 0; index < queue.capacity; index += 1) queue.submit(index, false, plaintextOf(index));
    expect(() => queue.submit(queue.capacity, false, plaintextOf(0))).toThrow(/full/);
  });
});
