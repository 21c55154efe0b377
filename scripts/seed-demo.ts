import { generateKeyPairSync, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { COSMOS_CONTAINERS } from "../shared/adapters/cosmos/cosmos-containers";
import { CosmosCustomerDirectory } from "../shared/adapters/cosmos/cosmos-customer-directory";
import { CosmosRequesterRegistry } from "../shared/adapters/cosmos/cosmos-requester-registry";
import { openCosmosDatabase } from "../shared/adapters/cosmos/open-cosmos-database";
import { vetRequester } from "../shared/use-cases/manage-requesters";
import { seedLocalCustomerData } from "../shared/adapters/local/seed-local-customer-data";
import { seedDemoDirectory } from "./demo-directory";

function openDatabase(settings: Record<string, string>) {
  return openCosmosDatabase(
    { endpoint: settings.COSMOS_ENDPOINT!, database: settings.COSMOS_DATABASE!, key: settings.COSMOS_KEY, createIfMissing: true },
    { getToken: () => Promise.reject(new Error("the local Cosmos server takes a key")) },
  );
}

/**
 * Seeds the demo once per local state: when `dir` holds a demo requester that the database still knows, its
 * credential is returned and nothing is written; otherwise the directory is loaded and a requester vetted, with its
 * delivery key pair and credential kept in `dir` (mode 0600).
 */
export async function seedDemoOnce(settings: Record<string, string>, dir: string): Promise<string> {
  const saved = path.join(dir, "requester.json");
  if (existsSync(saved)) {
    const { id, credential } = JSON.parse(readFileSync(saved, "utf8")) as { id: string; credential: string };
    const database = await openDatabase(settings);
    if ((await new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id)).get(id)) !== null) return credential;
  }
  const keys = generateKeyPairSync("rsa", { modulusLength: 3072 });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(dir, "private.pem"), keys.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  const { id, credential } = await seedDemoWithId(settings, keys.publicKey.export({ type: "spki", format: "pem" }).toString());
  writeFileSync(saved, JSON.stringify({ id, credential }), { mode: 0o600 });
  return credential;
}

/** Loads the demo directory into the app's (local) database and vets a demo requester; returns its credential. */
export async function seedDemo(settings: Record<string, string>, deliveryPublicKeyPem: string): Promise<string> {
  return (await seedDemoWithId(settings, deliveryPublicKeyPem)).credential;
}

/**
 * Loads the demo directory into the app's (local) database, the demo data set into the local customer data folder
 * (CUSTOMER_DATA_SOURCE=folder; files already there are kept) and vets a demo requester.
 */
async function seedDemoWithId(settings: Record<string, string>, deliveryPublicKeyPem: string): Promise<{ id: string; credential: string }> {
  if (settings.CUSTOMER_DATA_SOURCE === "folder") await seedLocalCustomerData(settings.CUSTOMER_DATA_DIR ?? ".local/customer-data");
  const database = await openDatabase(settings);
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
    // A fresh vetting each time, as before Idempotency-Keys.
    randomUUID(),
  );
  return { id: vetted.requester.id, credential: vetted.credential };
}
