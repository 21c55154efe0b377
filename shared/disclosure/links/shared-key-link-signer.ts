import { BlobSASPermissions, SASProtocol, type ContainerClient } from "@azure/storage-blob";
import type { DownloadLinkSigner } from "../../ports/package-store";

/**
 * Read-only links as service SAS signed with the account key of a container client built from a connection
 * string (Azurite locally). Plain-HTTP links are allowed only when the container itself is reached over HTTP.
 */
export class SharedKeyLinkSigner implements DownloadLinkSigner {
  constructor(private readonly container: ContainerClient) {}

  async signReadLink(blobName: string, startsOn: Date, expiresOn: Date): Promise<string> {
    return this.container.getBlobClient(blobName).generateSasUrl({
      permissions: BlobSASPermissions.parse("r"),
      // Storage answers the download with this Cache-Control (rscc): no cache on the way keeps a package.
      cacheControl: "no-store",
      startsOn,
      expiresOn,
      protocol: this.container.url.startsWith("http:") ? SASProtocol.HttpsAndHttp : SASProtocol.Https,
    });
  }
}
