import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { startHost } from "../local-host/src";
import { PROJECT_ROOT, startEmulators } from "./emulators";
import { claimLocalState, localDir, localPaths, persistedSecret, prepareLocalState, releaseLocalState } from "./local-state";
import { localAppSettings } from "./local-app-settings";
import { startLocalStaffSignIn } from "./local-staff";
import { startMailCatcher } from "./mail-catcher";
import { watchAncestors } from "./parent-watch";
import { seedDemoOnce } from "./seed-demo";

/**
 * npm start: the local stand-ins, the demo data and the app under the local host, until Ctrl-C. Everything is kept
 * under .local/ and survives a stop, a crash or a kill -9 (`npm start -- --fresh` starts clean).
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 7071);
  const dir = localDir();
  const paths = localPaths(dir);
  prepareLocalState(dir, process.argv.includes("--fresh"));
  claimLocalState(dir);
  const adminKey = persistedSecret(paths.adminKey, () => randomBytes(32).toString("base64url"));
  const reviewTokenKey = persistedSecret(paths.reviewTokenKey, () => randomBytes(32).toString("base64"));

  const emulators = await startEmulators({ azuriteDir: paths.azurite, cosmosDir: paths.cosmos });
  const mail = await startMailCatcher({ mailDir: paths.mail });
  const staffSessionKey = persistedSecret(paths.staffSessionKey, () => randomBytes(32).toString("base64"));
  const staffSecrets = { password: persistedSecret(paths.staffPassword, () => randomBytes(9).toString("base64url")), clientSecret: persistedSecret(paths.staffClientSecret, () => randomBytes(24).toString("base64url")) };
  const staff = await startLocalStaffSignIn({ port: Number(process.env.STAFF_OIDC_PORT ?? port + 1), appPort: port, persistDir: paths.oidc, ...staffSecrets });
  const settings = localAppSettings({ emulators, mail, port, localDir: dir, reviewTokenKey, staffSessionKey, staffOidc: staff.client });
  const host = await startHost({ appDir: PROJECT_ROOT, port, stateDir: paths.host, adminEnabled: true, adminKeys: [adminKey], env: settings });
  const credential = await seedDemoOnce(settings, paths.demoRequester);
  // npm run demo reads where the stack is and the demo requester's credential from here (and the admin key from keys/).
  writeFileSync(paths.stack, JSON.stringify({ apiUrl: host.url, mailUrl: mail.webUrl, credential, staffPassword: staff.password }, null, 2), { mode: 0o600 });

  // The address the app gives out (review links, the sign-in redirect): a sign-in begun under another host name
  // (127.0.0.1 for localhost) loses its cookie on the way back, so this is the one to open in a browser.
  const url = settings.PUBLIC_BASE_URL;
  console.log(`
Lawful Request Workflow is running.
  API             ${url}/api   (OpenAPI: ${url}/api/openapi.json, health: ${url}/api/health)
  Virtual clock   ${url}/admin/clock   (POST {"advance":"P30D"} to move time; needs the admin key)
  Admin key       x-functions-key: ${adminKey}
  Mail inbox      ${mail.webUrl}
  Teams cards     ${settings.TEAMS_LOCAL_DIR}
  Demo requester  Authorization: Bearer ${credential}
  Staff sign-in   ${staff.provider.issuer}   (reviewers ana.reviewer@, ben.reviewer@, lead.counsel@contoso.example; password ${staff.password})
  State           ${dir}   (kept across restarts; npm start -- --fresh starts clean)
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.stop();
    await Promise.all([emulators.stop(), mail.stop(), staff.provider.stop()]);
    releaseLocalState(dir);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  // npm killed (even with SIGKILL) leaves this process running under its shell: stop with it.
  watchAncestors(() => void stop());
}

main().catch((error: unknown) => {
  const taken = error as NodeJS.ErrnoException & { port?: number };
  if (taken.code === "EADDRINUSE") {
    console.error(`port ${String(taken.port)} is already in use (another npm start, or another program). Stop it, or start on other ports: PORT=<api port> STAFF_OIDC_PORT=<sign-in port> npm start (the sign-in port defaults to PORT + 1).`);
    process.exit(1);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
