import { randomBytes } from "node:crypto";
import { mkdtemp, open, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BatchedFileWriter } from "../../../shared/package/batched-file-writer";

describe("BatchedFileWriter", () => {
  it("writes pieces of every size, around and across its 1 MiB batches, in order and byte for byte", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "lrw-batched-")), "out.bin");
    const expected = randomBytes(9 * 1024 * 1024 + 333);
    const writer = new BatchedFileWriter(await open(file, "wx"));
    const sizes = [0, 1, 65_536, 1024 * 1024, 1024 * 1024 - 1, 2, 3 * 1024 * 1024 + 5, 7];
    let offset = 0;
    for (let i = 0; offset < expected.length; i += 1) {
      const size = Math.min(sizes[i % sizes.length]!, expected.length - offset);
      await writer.write(expected.subarray(offset, offset + size));
      offset += size;
    }
    await writer.close();
    expect((await readFile(file)).equals(expected)).toBe(true);
  });

  it("fails, on a later write or at close, when the file cannot be written; abandoning it then closes the file", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "lrw-batched-")), "read-only.bin");
    await writeFile(file, "");
    const handle = await open(file, "r");
    const writer = new BatchedFileWriter(handle);
    const attempt = async () => {
      try {
        for (let i = 0; i < 16; i += 1) await writer.write(Buffer.alloc(1024 * 1024, i));
        await writer.close();
      } catch (error) {
        await writer.abandon();
        throw error;
      }
    };
    await expect(attempt()).rejects.toMatchObject({ code: "EBADF" });
    await expect(handle.stat()).rejects.toThrow(/closed/);
  });
});
