import type { TokenCredential } from "@azure/identity";
import { ContainerClient, type BlobServiceClient } from "@azure/storage-blob";
import { BlobCustomerDataSource } from "../adapters/blob/blob-customer-data-source";
import { CollectorDataSource, collectorToken } from "../adapters/http/collector-data-source";
import { DemoDataSource } from "../adapters/local/demo-data-source";
import { FolderDataSource } from "../adapters/local/folder-data-source";
import type { AppConfig } from "../config/app-config";
import type { CustomerDataSource } from "../ports/customer-data-source";

/** The CustomerDataSource CUSTOMER_DATA_SOURCE names (the config schema already refused folder and demo in Azure). */
export function createCustomerDataSource(cfg: AppConfig, blobService: BlobServiceClient, credential: TokenCredential): CustomerDataSource {
  switch (cfg.CUSTOMER_DATA_SOURCE) {
    case "blob":
      return new BlobCustomerDataSource(
        cfg.CUSTOMER_DATA_CONTAINER.startsWith("https://")
          ? new ContainerClient(cfg.CUSTOMER_DATA_CONTAINER, credential)
          : blobService.getContainerClient(cfg.CUSTOMER_DATA_CONTAINER),
      );
    case "collector":
      return new CollectorDataSource({ baseUrl: cfg.CUSTOMER_DATA_COLLECTOR_URL, token: collectorToken(credential, cfg.CUSTOMER_DATA_COLLECTOR_AUDIENCE) });
    case "folder":
      return new FolderDataSource(cfg.CUSTOMER_DATA_DIR);
    case "demo":
      return new DemoDataSource();
  }
}
