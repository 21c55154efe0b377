import type { ContainerClient } from "@azure/storage-blob";
import type { CheckpointStore } from "../../ports/audit-log";

/** True for a storage error with the given HTTP status. */
function hasHttpStatus(error: unknown, status: number): boolean {
  return typeof error === "object" && error !== null && (error as { statusCode?: unknown }).statusCode === status;
}

/** Daily audit checkpoints as blobs checkpoints/YYYY-MM-DD.json, each created once (If-None-Match: *). */
export class BlobCheckpointStore implements CheckpointStore {
  constructor(private readonly container: ContainerClient) {}

  async putIfAbsent(date: string, json: string): Promise<boolean> {
    try {
      await this.container.getBlockBlobClient(blobName(date)).uploadData(Buffer.from(json, "utf8"), {
        blobHTTPHeaders: { blobContentType: "application/json" },
        conditions: { ifNoneMatch: "*" },
      });
      return true;
    } catch (error) {
      if (hasHttpStatus(error, 409)) return false;
      throw error;
    }
  }

  async latestDate(): Promise<string | null> {
    return (await this.dates()).at(-1) ?? null;
  }

  async earliestDate(): Promise<string | null> {
    return (await this.dates())[0] ?? null;
  }

  /** Every checkpointed date, in order: names are checkpoints/YYYY-MM-DD.json, so names sort as days do. */
  private async dates(): Promise<string[]> {
    const dates: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: PREFIX })) {
      const date = /^checkpoints\/(\d{4}-\d{2}-\d{2})\.json$/.exec(blob.name)?.[1];
      if (date !== undefined) dates.push(date);
    }
    return dates.sort();
  }

  async get(date: string): Promise<string | null> {
    const blob = this.container.getBlockBlobClient(blobName(date));
    try {
      return (await blob.downloadToBuffer()).toString("utf8");
    } catch (error) {
      if (hasHttpStatus(error, 404)) return null;
      throw error;
    }
  }
}

const PREFIX = "checkpoints/";

function blobName(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error("checkpoint date must be YYYY-MM-DD");
  return `${PREFIX}${date}.json`;
}
