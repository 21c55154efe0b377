import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startHost } from "../local-host/src";
import { COSMOS_CONTAINERS } from "../shared/adapters/cosmos/cosmos-containers";
import { CosmosCustomerDirectory } from "../shared/adapters/cosmos/cosmos-customer-directory";
import { CosmosRequesterRegistry } from "../shared/adapters/cosmos/cosmos-requester-registry";
import { openCosmosDatabase } from "../shared/adapters/cosmos/open-cosmos-database";
import { vetRequester } from "../shared/use-cases/manage-requesters";
import { seedDemoDirectory } from "./demo-directory";
import { PROJECT_ROOT, startEmulators } from "./emulators";
import { startMailCatcher } from "./mail-catcher";
import { localAppSettings } from "./local-app-settings";

const LOCAL = path.join(PROJECT_ROOT, ".local");

/** npm start: the local stand-ins, the demo data and the app under the local host, until Ctrl-C. */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 7071);
  // The local Cosmos server keeps nothing across restarts, so durable state and blobs start afresh with it.
  for (const dir of ["host", "azurite", "teams"]) rmSync(path.join(LOCAL, dir), { recursive: true, force: true });
  const emulators = await startEmulators({ azuriteDir: path.join(LOCAL, "azurite") });
  const mail = await startMailCatcher();
  const settings = localAppSettings({ emulators, mail, port, localDir: LOCAL });
  const host = await startHost({ appDir: PROJECT_ROOT, port, stateDir: path.join(LOCAL, "host"), adminEnabled: true, env: settings });
  const credential = await seedDemo(settings);
  // npm run demo reads where the stack is and the demo requester's credential from here.
  writeFileSync(path.join(LOCAL, "stack.json"), JSON.stringify({ apiUrl: host.url, mailUrl: mail.webUrl, credential }, null, 2), { mode: 0o600 });

  console.log(`
Lawful Request Workflow is running.
  API             ${host.url}/api   (OpenAPI: ${host.url}/api/openapi.json, health: ${host.url}/api/health)
  Virtual clock   ${host.url}/admin/clock   (POST {"advance":"P30D"} to move time)
  Mail inbox      ${mail.webUrl}
  Teams cards     ${settings.TEAMS_LOCAL_DIR}
  Demo requester  Authorization: Bearer ${credential}
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.stop();
    await Promise.all([emulators.stop(), mail.stop()]);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

/** Loads the demo directory and vets a demo requester whose private delivery key is kept under .local/ for opening packages. */
async function seedDemo(settings: Record<string, string>): Promise<string> {
  const noCredential = { getToken: () => Promise.reject(new Error("the local Cosmos server takes a key")) };
  const database = await openCosmosDatabase(
    { endpoint: settings.COSMOS_ENDPOINT!, database: settings.COSMOS_DATABASE!, key: settings.COSMOS_KEY, createIfMissing: true },
    noCredential,
  );
  const keys = generateKeyPairSync("rsa", { modulusLength: 3072 });
  const keyDir = path.join(LOCAL, "demo-requester");
  mkdirSync(keyDir, { recursive: true });
  writeFileSync(path.join(keyDir, "private.pem"), keys.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  await seedDemoDirectory(new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id)));
  const vetted = await vetRequester(
    new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id)),
    {
      name: "Demo County Sheriff",
      kind: "law_enforcement",
      country: "US",
      jurisdictions: ["US", "US-CA"],
      contacts: [{ name: "Records Unit", email: "records@sheriff.example" }],
      deliveryPublicKeyPem: keys.publicKey.export({ type: "spki", format: "pem" }).toString(),
    },
    new Date(),
  );
  return vetted.credential;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
