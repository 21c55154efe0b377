import { DefaultAzureCredential } from "@azure/identity";
import { BlobServiceClient } from "@azure/storage-blob";
import { BlobDocumentStore } from "../adapters/blob/blob-document-store";
import { COSMOS_CONTAINERS } from "../adapters/cosmos/cosmos-containers";
import { CosmosCustomerDirectory } from "../adapters/cosmos/cosmos-customer-directory";
import { CosmosDemandStore } from "../adapters/cosmos/cosmos-demand-store";
import { CosmosRequesterRegistry } from "../adapters/cosmos/cosmos-requester-registry";
import { openCosmosDatabase } from "../adapters/cosmos/open-cosmos-database";
import { parseConfig, type AppConfig } from "../config/app-config";
import type { DataAccessAgreement, PolicyLimits } from "../domain/policy/policy-context";
import type { CustomerDirectory } from "../ports/customer-directory";
import type { DemandStore } from "../ports/demand-store";
import type { DocumentStore } from "../ports/document-store";
import type { RequesterRegistry } from "../ports/requester-registry";

/** Every port the functions use, wired to its adapter once. */
export interface Services {
  config: AppConfig;
  requesters: RequesterRegistry;
  demands: DemandStore;
  documents: DocumentStore;
  directory: CustomerDirectory;
  now: () => Date;
  limits: PolicyLimits;
  agreements: DataAccessAgreement[];
}

/** The configuration, parsed when the app loads so a bad setting stops it at start with every problem listed. */
export const config: AppConfig = parseConfig(process.env);

let services: Promise<Services> | undefined;

/** The app's services, built on first use and shared by every function. */
export function getServices(): Promise<Services> {
  services ??= buildServices(config).catch((error: unknown) => {
    services = undefined;
    throw error;
  });
  return services;
}

async function buildServices(cfg: AppConfig): Promise<Services> {
  // One credential for every Azure client: the managed identity in Azure, the developer's sign-in elsewhere.
  const credential = new DefaultAzureCredential();
  const database = await openCosmosDatabase(
    { endpoint: cfg.COSMOS_ENDPOINT, database: cfg.COSMOS_DATABASE, key: cfg.COSMOS_KEY, createIfMissing: cfg.PROVISION_LOCAL_RESOURCES },
    credential,
  );
  const blobService =
    cfg.BLOB_CONNECTION_STRING !== undefined
      ? BlobServiceClient.fromConnectionString(cfg.BLOB_CONNECTION_STRING)
      : new BlobServiceClient(cfg.BLOB_SERVICE_URL ?? "", credential);
  const documents = blobService.getContainerClient(cfg.DOCUMENTS_CONTAINER);
  if (cfg.PROVISION_LOCAL_RESOURCES) await documents.createIfNotExists();
  return {
    config: cfg,
    requesters: new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id)),
    demands: new CosmosDemandStore(database.container(COSMOS_CONTAINERS.demands.id)),
    documents: new BlobDocumentStore(documents),
    directory: new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id)),
    now: () => new Date(),
    limits: {
      maxAccounts: cfg.POLICY_MAX_ACCOUNTS,
      maxRangeDays: cfg.POLICY_MAX_RANGE_DAYS,
      maxEmergencyRangeDays: cfg.POLICY_MAX_EMERGENCY_RANGE_DAYS,
    },
    agreements: cfg.DATA_ACCESS_AGREEMENTS,
  };
}
