import { randomBytes } from "node:crypto";
import path from "node:path";
import { startLocalOidcProvider, type LocalOidcProvider, type LocalStaffAccount } from "./local-oidc-provider";

/** The demo staff of a local run: the reviewers of localAppSettings and an administrator. */
export const LOCAL_STAFF: readonly Omit<LocalStaffAccount, "password">[] = [
  { email: "ana.reviewer@contoso.example", name: "Ana Reviewer" },
  { email: "ben.reviewer@contoso.example", name: "Ben Reviewer" },
  { email: "lead.counsel@contoso.example", name: "Lead Counsel" },
  { email: "admin@contoso.example", name: "Admin" },
];

/** The local provider with the demo staff, all with one password (made for this run unless given); and the app's client registration. */
export async function startLocalStaffSignIn(options: { port: number; appPort: number; persistDir: string; password?: string; clientSecret?: string }): Promise<{
  provider: LocalOidcProvider;
  password: string;
  client: { issuer: string; clientId: string; clientSecret: string };
}> {
  const password = options.password ?? randomBytes(9).toString("base64url");
  const clientSecret = options.clientSecret ?? randomBytes(24).toString("base64url");
  const redirectUris = ["localhost", "127.0.0.1"].map((host) => `http://${host}:${options.appPort}/api/staff/callback`);
  const provider = await startLocalOidcProvider({
    port: options.port,
    accounts: LOCAL_STAFF.map((a) => ({ ...a, password })),
    persistDir: path.join(options.persistDir),
    client: { clientId: "lawful-request-workflow-local", clientSecret, redirectUris },
  });
  return { provider, password, client: { issuer: provider.issuer, clientId: "lawful-request-workflow-local", clientSecret } };
}
