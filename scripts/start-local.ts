import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startHost } from "../local-host/src";
import { PROJECT_ROOT, startEmulators } from "./emulators";
import { seedDemo } from "./seed-demo";
import { startMailCatcher } from "./mail-catcher";
import { localAppSettings } from "./local-app-settings";
import { startLocalStaffSignIn } from "./local-staff";

const LOCAL = path.join(PROJECT_ROOT, ".local");

/** npm start: the local stand-ins, the demo data and the app under the local host, until Ctrl-C. */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 7071);
  // The local Cosmos server keeps nothing across restarts, so durable state and blobs start afresh with it.
  for (const dir of ["host", "azurite", "teams"]) rmSync(path.join(LOCAL, dir), { recursive: true, force: true });
  const emulators = await startEmulators({ azuriteDir: path.join(LOCAL, "azurite") });
  const mail = await startMailCatcher();
  const staff = await startLocalStaffSignIn({ port: Number(process.env.STAFF_OIDC_PORT ?? port + 1), appPort: port, persistDir: path.join(LOCAL, "oidc") });
  const settings = localAppSettings({ emulators, mail, port, localDir: LOCAL, staffOidc: staff.client });
  const host = await startHost({ appDir: PROJECT_ROOT, port, stateDir: path.join(LOCAL, "host"), adminEnabled: true, env: settings });
  const credential = await seedDemo(settings, demoRequesterKey());
  // npm run demo reads where the stack is and the demo requester's credential from here.
  writeFileSync(path.join(LOCAL, "stack.json"), JSON.stringify({ apiUrl: host.url, mailUrl: mail.webUrl, credential, staffPassword: staff.password }, null, 2), { mode: 0o600 });

  console.log(`
Lawful Request Workflow is running.
  API             ${host.url}/api   (OpenAPI: ${host.url}/api/openapi.json, health: ${host.url}/api/health)
  Virtual clock   ${host.url}/admin/clock   (POST {"advance":"P30D"} to move time)
  Mail inbox      ${mail.webUrl}
  Teams cards     ${settings.TEAMS_LOCAL_DIR}
  Demo requester  Authorization: Bearer ${credential}
  Staff sign-in   ${staff.provider.issuer}   (reviewers ana.reviewer@, ben.reviewer@, lead.counsel@contoso.example; password ${staff.password})
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.stop();
    await Promise.all([emulators.stop(), mail.stop(), staff.provider.stop()]);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

/** Makes the demo requester's delivery key pair, keeping the private half under .local/ for opening packages. */
function demoRequesterKey(): string {
  const keys = generateKeyPairSync("rsa", { modulusLength: 3072 });
  const keyDir = path.join(LOCAL, "demo-requester");
  mkdirSync(keyDir, { recursive: true });
  writeFileSync(path.join(keyDir, "private.pem"), keys.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  return keys.publicKey.export({ type: "spki", format: "pem" }).toString();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
