import { createHmac, randomBytes } from "node:crypto";
import { AnonymousCredential, BlobSASPermissions, ContainerClient, SASProtocol, StorageSharedKeyCredential, type UserDelegationKey } from "@azure/storage-blob";
import { describe, expect, it } from "vitest";
import { SharedKeyLinkSigner } from "../../../shared/disclosure/links/shared-key-link-signer";
import { UserDelegationLinkSigner, type DelegationKeySource } from "../../../shared/disclosure/links/user-delegation-link-signer";

const startsOn = new Date("2026-11-25T09:00:00Z");
const expiresOn = new Date("2026-11-25T09:15:00Z");
const blobName = "packages/dmd-1/pkg-1.lrwpkg";

/** Stands in for BlobServiceClient.getUserDelegationKey (a managed identity is needed for the real one). */
function fakeDelegationKeys() {
  const requests: [Date, Date][] = [];
  const keyValue = randomBytes(32).toString("base64");
  const source = {
    getUserDelegationKey: async (start: Date, end: Date) => {
      requests.push([start, end]);
      const key: UserDelegationKey = {
        signedObjectId: "00000000-0000-0000-0000-00000000a11d",
        signedTenantId: "00000000-0000-0000-0000-0000000000e1",
        signedStartsOn: start,
        signedExpiresOn: end,
        signedService: "b",
        signedVersion: "2025-01-05",
        value: keyValue,
      };
      return key;
    },
  } as unknown as DelegationKeySource;
  return { source, requests, keyValue };
}

describe("UserDelegationLinkSigner", () => {
  it("signs a read-only, HTTPS-only blob SAS with a delegation key covering exactly the link's validity", async () => {
    const container = new ContainerClient("https://lrwpackages.blob.core.windows.net/packages", new AnonymousCredential());
    const { source, requests, keyValue } = fakeDelegationKeys();
    const url = new URL(await new UserDelegationLinkSigner(source, container).signReadLink(blobName, startsOn, expiresOn));
    expect(requests).toEqual([[startsOn, expiresOn]]);
    expect(`${url.origin}${url.pathname}`).toBe(`https://lrwpackages.blob.core.windows.net/packages/${blobName}`);
    const params = url.searchParams;
    expect(params.get("sp")).toBe("r");
    expect(params.get("sr")).toBe("b");
    expect(params.get("spr")).toBe("https");
    expect(params.get("st")).toBe("2026-11-25T09:00:00Z");
    expect(params.get("se")).toBe("2026-11-25T09:15:00Z");
    expect(params.get("skoid")).toBe("00000000-0000-0000-0000-00000000a11d");
    // The signature is the HMAC of the service's string-to-sign under the delegation key, nothing else.
    const stringToSign = container.getBlobClient(blobName).generateUserDelegationSasStringToSign(
      { permissions: BlobSASPermissions.parse("r"), startsOn, expiresOn, protocol: SASProtocol.Https, cacheControl: "no-store" },
      (await source.getUserDelegationKey(startsOn, expiresOn)) as unknown as UserDelegationKey,
    );
    expect(params.get("sig")).toBe(createHmac("sha256", Buffer.from(keyValue, "base64")).update(stringToSign, "utf8").digest("base64"));
  });
});

describe("SharedKeyLinkSigner", () => {
  it("allows plain HTTP only for a container reached over HTTP (Azurite)", async () => {
    const credential = new StorageSharedKeyCredential("devstoreaccount1", randomBytes(64).toString("base64"));
    const local = new ContainerClient("http://127.0.0.1:10000/devstoreaccount1/packages", credential);
    const azure = new ContainerClient("https://lrwpackages.blob.core.windows.net/packages", credential);
    const localUrl = new URL(await new SharedKeyLinkSigner(local).signReadLink(blobName, startsOn, expiresOn));
    const azureUrl = new URL(await new SharedKeyLinkSigner(azure).signReadLink(blobName, startsOn, expiresOn));
    expect(localUrl.searchParams.get("spr")).toBe("https,http");
    expect(azureUrl.searchParams.get("spr")).toBe("https");
    expect(localUrl.searchParams.get("sp")).toBe("r");
    expect(localUrl.searchParams.get("sr")).toBe("b");
  });
});
