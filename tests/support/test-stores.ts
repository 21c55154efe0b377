import { randomUUID } from "node:crypto";
import { BlobServiceClient } from "@azure/storage-blob";
import { inject } from "vitest";
import type { TokenCredential } from "@azure/identity";
import { openCosmosDatabase } from "../../shared/adapters/cosmos/open-cosmos-database";

const unusedCredential: TokenCredential = {
  getToken: () => Promise.reject(new Error("tests use the emulator key")),
};

/** A fresh database on the test Cosmos server, so test files never see each other's data. */
export async function openTestDatabase() {
  return openCosmosDatabase(
    { endpoint: inject("cosmosEndpoint"), database: `test-${randomUUID()}`, key: "dGVzdA==", createIfMissing: true },
    unusedCredential,
  );
}

/** A fresh Blob container on the test Azurite. */
export async function openTestContainer(prefix = "test") {
  const service = BlobServiceClient.fromConnectionString(inject("blobConnectionString"));
  const container = service.getContainerClient(`${prefix}-${randomUUID()}`);
  await container.create();
  return container;
}
