import type { ContainerClient } from "@azure/storage-blob";
import type { DocumentStore } from "../../ports/document-store";

/** Legal-process documents in a private Blob container. */
export class BlobDocumentStore implements DocumentStore {
  constructor(private readonly container: ContainerClient) {}

  async put(name: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.container.getBlockBlobClient(name).uploadData(bytes, { blobHTTPHeaders: { blobContentType: contentType } });
  }

  async get(name: string): Promise<Buffer | null> {
    const blob = this.container.getBlockBlobClient(name);
    if (!(await blob.exists())) return null;
    return blob.downloadToBuffer();
  }

  async remove(name: string): Promise<void> {
    await this.container.getBlockBlobClient(name).deleteIfExists();
  }
}
