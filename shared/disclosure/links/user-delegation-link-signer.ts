import { BlobSASPermissions, SASProtocol, type BlobServiceClient, type ContainerClient } from "@azure/storage-blob";
import type { DownloadLinkSigner } from "../../ports/package-store";

/** The one call of BlobServiceClient this signer needs (a fake in unit tests). */
export type DelegationKeySource = Pick<BlobServiceClient, "getUserDelegationKey">;

/**
 * Read-only links as user-delegation SAS: signed with a delegation key obtained with the app's managed identity
 * (Storage Blob Delegator role), so no account key exists anywhere. A fresh key covering exactly the link's
 * validity is requested per link; links are issued rarely and each key dies with its link.
 */
export class UserDelegationLinkSigner implements DownloadLinkSigner {
  constructor(
    private readonly service: DelegationKeySource,
    private readonly container: ContainerClient,
  ) {}

  async signReadLink(blobName: string, startsOn: Date, expiresOn: Date): Promise<string> {
    const key = await this.service.getUserDelegationKey(startsOn, expiresOn);
    return this.container.getBlobClient(blobName).generateUserDelegationSasUrl(
      // cacheControl (rscc): Storage answers the download no-store, so no cache on the way keeps a package.
      { permissions: BlobSASPermissions.parse("r"), startsOn, expiresOn, protocol: SASProtocol.Https, cacheControl: "no-store" },
      key,
    );
  }
}
