import { CosmosClient, type Database } from "@azure/cosmos";
import type { TokenCredential } from "@azure/identity";
import { COSMOS_CONTAINERS } from "./cosmos-containers";

/** Where and how to reach Cosmos DB. */
export interface CosmosSettings {
  endpoint: string;
  database: string;
  /** Local emulator key; without it the shared Azure credential is used. */
  key?: string | undefined;
  createIfMissing: boolean;
}

/** Opens the app's database; locally also creates it and its containers. */
export async function openCosmosDatabase(settings: CosmosSettings, credential: TokenCredential): Promise<Database> {
  const client = new CosmosClient({
    endpoint: settings.endpoint,
    ...(settings.key === undefined ? { aadCredentials: credential } : { key: settings.key }),
    connectionPolicy: { enableEndpointDiscovery: settings.key === undefined },
  });
  if (!settings.createIfMissing) return client.database(settings.database);
  const { database } = await client.databases.createIfNotExists({ id: settings.database });
  for (const container of Object.values(COSMOS_CONTAINERS)) {
    await database.containers.createIfNotExists({ id: container.id, partitionKey: { paths: [container.partitionKey] } });
  }
  return database;
}
