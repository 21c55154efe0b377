import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BoundedWriter } from "../../../shared/package/bounded-writer";

/** A stream that completes one write per `step()` call, so the test decides when bytes leave the queue. */
function manualStream(failWith?: Error): { stream: Writable; received: Buffer[]; step(): void } {
  const received: Buffer[] = [];
  const pending: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, callback) {
      pending.push(() => {
        received.push(chunk);
        callback(failWith ?? null);
      });
    },
  });
  return { stream, received, step: () => pending.shift()?.() };
}

function settled(promise: Promise<void>): Promise<boolean> {
  return Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20))]);
}

describe("BoundedWriter", () => {
  it("keeps writing past the stream's high-water mark up to its limit, then waits until half of it is written", async () => {
    const { stream, received, step } = manualStream();
    const writer = new BoundedWriter(stream, 100);
    // The stream's own mark is 1 byte: with 'drain' every write would wait; here the first 100 bytes do not.
    for (let index = 0; index < 10; index += 1) expect(await settled(writer.write(Buffer.alloc(10, index)))).toBe(true);
    const waiting = writer.write(Buffer.alloc(10, 10));
    expect(await settled(waiting)).toBe(false);
    for (let written = 0; written < 5; written += 1) step();
    // 60 bytes still queued: more than half the limit.
    expect(await settled(waiting)).toBe(false);
    step();
    expect(await settled(waiting)).toBe(true);
    while (received.length < 11) step();
    expect(Buffer.concat(received)).toEqual(Buffer.concat(Array.from({ length: 11 }, (_, index) => Buffer.alloc(10, index))));
  });

  it("rejects a waiting write with the stream's error, and every write after it", async () => {
    const failure = new Error("disk full");
    const { stream, step } = manualStream(failure);
    stream.on("error", () => undefined);
    const writer = new BoundedWriter(stream, 10);
    const waiting = writer.write(Buffer.alloc(20));
    step();
    await expect(waiting).rejects.toThrow("disk full");
    await expect(writer.write(Buffer.alloc(1))).rejects.toThrow("disk full");
  });
});
