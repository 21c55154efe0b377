import type { ContainerClient } from "@azure/storage-blob";
import type { ReportPublisher } from "../../ports/transparency-store";

/** Published transparency reports as blobs <period>/report.{json,csv,html}, each created once (If-None-Match: *); the HTML carries its own CSP meta tag. */
export class BlobReportPublisher implements ReportPublisher {
  constructor(private readonly container: ContainerClient) {}

  async publishIfAbsent(path: string, body: string, contentType: string): Promise<boolean> {
    try {
      await this.container.getBlockBlobClient(path).uploadData(Buffer.from(body, "utf8"), {
        blobHTTPHeaders: { blobContentType: contentType, blobCacheControl: "public, max-age=3600" },
        conditions: { ifNoneMatch: "*" },
      });
      return true;
    } catch (error) {
      if (typeof error === "object" && error !== null && (error as { statusCode?: unknown }).statusCode === 409) return false;
      throw error;
    }
  }

  async read(path: string): Promise<string | null> {
    try {
      return (await this.container.getBlockBlobClient(path).downloadToBuffer()).toString("utf8");
    } catch (error) {
      if (typeof error === "object" && error !== null && (error as { statusCode?: unknown }).statusCode === 404) return null;
      throw error;
    }
  }
}
