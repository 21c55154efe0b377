import { randomBytes } from "node:crypto";
import path from "node:path";
import type { MailCatcher } from "./mail-catcher";
import type { LocalEmulators } from "./emulators";

/** The app settings for a local run against the local stand-ins (the same names as local.settings.sample.json). */
export function localAppSettings(options: {
  emulators: LocalEmulators;
  mail: Pick<MailCatcher, "smtpPort">;
  port: number;
  localDir: string;
  /** The local OpenID provider staff sign in with (scripts/local-oidc-provider.ts). */
  staffOidc: { issuer: string; clientId: string; clientSecret: string };
  /** The review-link signing key (base64); a fresh one when not given, so links of another run stop working. */
  reviewTokenKey?: string;
  /** The staff session key (base64); a fresh one when not given (staff sign in again). */
  staffSessionKey?: string;
}): Record<string, string> {
  const { emulators, mail, port, localDir, staffOidc } = options;
  return {
    FUNCTIONS_WORKER_RUNTIME: "node",
    AzureWebJobsStorage: emulators.blobConnectionString,
    DURABLE_TASK_HUB: "LawfulRequestsLocal",
    COSMOS_ENDPOINT: emulators.cosmosEndpoint,
    COSMOS_DATABASE: "lawful-requests",
    // The local Cosmos server accepts any key; this one only has to be well-formed.
    COSMOS_KEY: "bG9jYWwtZW11bGF0b3Ita2V5",
    PROVISION_LOCAL_RESOURCES: "true",
    BLOB_CONNECTION_STRING: emulators.blobConnectionString,
    PROVIDER_LEGAL_NAMES: "Contoso Cloud Services LLC,Contoso Cloud Services Ireland Ltd,Contoso",
    PUBLIC_BASE_URL: `http://localhost:${port}`,
    MAIL_TRANSPORT: "smtp",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(mail.smtpPort),
    SMTP_SECURE: "false",
    MAIL_FROM: "compliance@contoso.example",
    TEAMS_TRANSPORT: "directory",
    TEAMS_LOCAL_DIR: path.join(localDir, "teams"),
    REVIEWERS_PRIMARY: "ana.reviewer@contoso.example,ben.reviewer@contoso.example",
    REVIEWERS_ESCALATION: "lead.counsel@contoso.example",
    STAFF_OIDC_ISSUER: staffOidc.issuer,
    STAFF_OIDC_CLIENT_ID: staffOidc.clientId,
    STAFF_OIDC_CLIENT_SECRET: staffOidc.clientSecret,
    STAFF_SESSION_KEY: options.staffSessionKey ?? randomBytes(32).toString("base64"),
    STAFF_ADMINS: "admin@contoso.example",
    REVIEW_TOKEN_KEY: options.reviewTokenKey ?? randomBytes(32).toString("base64"),
    KEY_PROVIDER: "local",
    LOCAL_KEYRING_DIR: path.join(localDir, "keyring"),
    CUSTOMER_VAULTS: "local",
    LOCAL_CUSTOMER_VAULTS_DIR: path.join(localDir, "customer-vaults"),
    CUSTOMER_DATA_SOURCE: "folder",
    CUSTOMER_DATA_DIR: path.join(localDir, "customer-data"),
  };
}
