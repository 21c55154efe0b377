import { COSMOS_CONTAINERS } from "../shared/adapters/cosmos/cosmos-containers";
import { CosmosCustomerDirectory } from "../shared/adapters/cosmos/cosmos-customer-directory";
import { CosmosRequesterRegistry } from "../shared/adapters/cosmos/cosmos-requester-registry";
import { openCosmosDatabase } from "../shared/adapters/cosmos/open-cosmos-database";
import { vetRequester } from "../shared/use-cases/manage-requesters";
import { seedLocalCustomerData } from "../shared/adapters/local/seed-local-customer-data";
import { seedDemoDirectory } from "./demo-directory";

/**
 * Loads the demo directory into the app's (local) database, the demo data set into the local customer data folder
 * (CUSTOMER_DATA_SOURCE=folder; files already there are kept) and vets a demo requester; returns its credential.
 */
export async function seedDemo(settings: Record<string, string>, deliveryPublicKeyPem: string): Promise<string> {
  if (settings.CUSTOMER_DATA_SOURCE === "folder") await seedLocalCustomerData(settings.CUSTOMER_DATA_DIR ?? ".local/customer-data");
  const database = await openCosmosDatabase(
    { endpoint: settings.COSMOS_ENDPOINT!, database: settings.COSMOS_DATABASE!, key: settings.COSMOS_KEY, createIfMissing: true },
    { getToken: () => Promise.reject(new Error("the local Cosmos server takes a key")) },
  );
  await seedDemoDirectory(new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id)));
  const vetted = await vetRequester(
    new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id)),
    {
      name: "Demo County Sheriff",
      kind: "law_enforcement",
      country: "US",
      jurisdictions: ["US", "US-CA"],
      contacts: [{ name: "Records Unit", email: "records@sheriff.example" }],
      deliveryPublicKeyPem,
    },
    new Date(),
  );
  return vetted.credential;
}
