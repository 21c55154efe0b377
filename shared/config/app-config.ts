import { z } from "zod";
import { isIsoDuration, isoDurationMs } from "../domain/iso-duration";
import type { LifecycleSettings } from "../domain/lifecycle/lifecycle-settings";
import type { PolicyLimits } from "../domain/policy/policy-context";
import { ReportPeriod } from "../transparency/period";
import { unknownSettingProblems } from "./unknown-settings";

const commaList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter((x) => x.length > 0))
  .pipe(z.array(z.string()).min(1));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const duration = (fallback: string) =>
  z.string().default(fallback).refine(isIsoDuration, "must be an ISO 8601 duration in weeks, days, hours, minutes or seconds (e.g. P30D, PT1H)");

const emailList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim().toLowerCase()).filter((x) => x.length > 0))
  .pipe(z.array(z.email()).min(1, "needs at least one reviewer email"));

// openid-client treats these Entra issuers as a template filled from each token's own tid, so a token from any tenant
// (whose admin sets its users' email claims) would pass the issuer check.
const MULTI_TENANT_ENTRA = new Set(["common", "organizations", "consumers", "{tenantid}", "%7btenantid%7d"]);

function isMultiTenantEntraIssuer(value: string): boolean {
  const url = new URL(value);
  const microsoft = /(^|\.)microsoftonline\.(com|us|cn)$/i.test(url.hostname) || url.hostname.toLowerCase() === "login.microsoft.com";
  return microsoft && MULTI_TENANT_ENTRA.has((url.pathname.split("/")[1] ?? "").toLowerCase());
}

/** A six-field NCRONTAB (second minute hour day month day-of-week), as the Functions host reads a timer's schedule. */
const schedule = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^[0-9A-Za-z*,/-]+(\s+[0-9A-Za-z*,/-]+){5}$/.test(v.trim()), "must be a six-field NCRONTAB: second minute hour day month day-of-week (e.g. 0 */5 * * * *)");

const flag = z
  .enum(["true", "false"])
  .default("false")
  .transform((v) => v === "true");

/** The local default of NOTICE_CONTACT_EMAIL: an example address, never to reach a real customer's notice. */
const EXAMPLE_NOTICE_CONTACT = "legal-requests@contoso.example";

/** Cross-setting checks run even when a single setting is already wrong, so that one start lists every problem. */
const always = (): boolean => true;

/** Every setting the app reads; names match local.settings.sample.json and infra/. */
export const AppConfigSchema = z
  .object({
    COSMOS_ENDPOINT: z.url(),
    COSMOS_DATABASE: z.string().min(1).default("lawful-requests"),
    /** Local emulator only; Azure refuses it and uses the managed identity. */
    COSMOS_KEY: z.string().min(1).optional(),
    /** Local only: create the Cosmos database, its containers and the blob containers at start (infra/ makes them in Azure). */
    PROVISION_LOCAL_RESOURCES: flag,
    /** Azure: the blob endpoint, reached with the managed identity. */
    BLOB_SERVICE_URL: z.url().optional(),
    /** Local only: an Azurite connection string. */
    BLOB_CONNECTION_STRING: z.string().min(1).optional(),
    DOCUMENTS_CONTAINER: z.string().regex(/^[a-z0-9-]{3,63}$/).default("documents"),
    /** Sealed packages and their delivery records (versioning and version-level immutability in Azure). */
    PACKAGES_CONTAINER: z.string().regex(/^[a-z0-9-]{3,63}$/).default("packages"),
    /** How a sealed package is made immutable: legal_hold, retention (PACKAGE_RETENTION_DAYS) or none. */
    PACKAGE_IMMUTABILITY: z.enum(["legal_hold", "retention", "none"]).default("legal_hold"),
    PACKAGE_RETENTION_DAYS: positiveInt(365),
    PACKAGE_RETENTION_LOCKED: flag,
    /** How long a requester's download link stays valid; at most 7 days, the longest a user delegation SAS is signed for. */
    PACKAGE_LINK_TTL_MINUTES: z.coerce.number().int().positive().max(7 * 24 * 60).default(15),
    /** local: customer-managed keys are local stand-in vaults under LOCAL_CUSTOMER_VAULTS_DIR; keyvault: the customers' own Key Vaults. */
    CUSTOMER_VAULTS: z.enum(["local", "keyvault"]).default("keyvault"),
    LOCAL_CUSTOMER_VAULTS_DIR: z.string().min(1).default(".local/customer-vaults"),
    PROVIDER_LEGAL_NAMES: commaList,
    /**
     * Agreements that allow direct orders for content stored abroad: "requesterCountry:dataRegion" pairs, either side a
     * country or EU_EEA, e.g. "GB:US,US:GB" (CLOUD Act) or "EU_EEA:EU_EEA" (e-Evidence). Empty: MLAT only.
     */
    DATA_ACCESS_AGREEMENTS: z
      .string()
      .default("")
      .transform((s) => s.split(",").map((x) => x.trim()).filter((x) => x.length > 0))
      .pipe(z.array(z.string().regex(/^([A-Z]{2}|EU_EEA):([A-Z]{2}|EU_EEA)$/, "each agreement must look like US:GB, US:EU_EEA or EU_EEA:EU_EEA")))
      .transform((pairs) =>
        pairs.map((pair) => {
          const [requesterCountry = "", dataRegion = ""] = pair.split(":");
          return { requesterCountry, dataRegion };
        }),
      ),
    POLICY_MAX_ACCOUNTS: positiveInt(25),
    POLICY_MAX_RANGE_DAYS: positiveInt(731),
    POLICY_MAX_EMERGENCY_RANGE_DAYS: positiveInt(30),
    INTAKE_MAX_BODY_BYTES: positiveInt(10 * 1024 * 1024),
    LIFECYCLE_REDIRECT_DEADLINE: duration("P30D"),
    LIFECYCLE_REVIEW_DEADLINE: duration("P5D"),
    LIFECYCLE_EMERGENCY_REVIEW_DEADLINE: duration("PT1H"),
    LIFECYCLE_OBJECTION_WINDOW: duration("P10D"),
    LIFECYCLE_SECRECY_REVIEW_INTERVAL: duration("P180D"),
    LIFECYCLE_SECRECY_EXPIRY_DECISION_WINDOW: duration("P3D"),
    /** How far ahead of a secrecy order's end reviewers are asked whether the delayed notice would endanger someone (R9). */
    LIFECYCLE_SECRECY_EXPIRY_LEAD: duration("P14D"),
    /** Retries of a failing lifecycle step: first delay, longest delay, attempts; then the demand waits for an operator. */
    // durable-functions' RetryOptions throws on a zero first delay, in every lifecycle's first episode.
    LIFECYCLE_RETRY_FIRST_INTERVAL: duration("PT5S").refine((v) => !isIsoDuration(v) || isoDurationMs(v) > 0, "must be longer than zero"),
    // A retry waits on a durable timer; the Azure Storage provider's timers are limited to 6 days (the SDK's
    // maximumShortTimerDuration, under the queues' 7-day message visibility), and a retry timer is never split.
    LIFECYCLE_RETRY_MAX_INTERVAL: duration("PT15M").refine(
      (v) => !isIsoDuration(v) || isoDurationMs(v) <= 6 * 24 * 3_600_000,
      "must be at most P6D: a retry waits on a durable timer, and the Azure Storage provider's durable timers last at most 6 days",
    ),
    LIFECYCLE_RETRY_ATTEMPTS: positiveInt(10),
    /** NCRONTAB of the scan that wakes lifecycles whose deadline (kept on the demand) has come, and reports stuck ones. */
    LIFECYCLE_WAKE_SCHEDULE: schedule("0 * * * * *"),
    /** Who is told when a demand needs an operator; defaults to the escalation reviewers. */
    OPERATOR_EMAILS: z
      .string()
      .optional()
      .transform((s) => (s === undefined ? undefined : s.split(",").map((x) => x.trim().toLowerCase()).filter((x) => x.length > 0)))
      // Set, it must name someone: an empty list (",") would not fall back to the escalation reviewers, and nobody would be told.
      .pipe(z.array(z.email()).min(1, "needs at least one operator email").optional()),
    LIFECYCLE_MAX_REMINDERS: positiveInt(3),
    LIFECYCLE_HISTORY_RETENTION_DAYS: positiveInt(90),
    /** HMAC key for review links (base64, at least 32 bytes); a Key Vault reference in Azure. */
    REVIEW_TOKEN_KEY: z
      .string()
      .refine((v) => !v.startsWith("@Microsoft.KeyVault("), "is an unresolved Key Vault reference: grant the app Key Vault Secrets User")
      .refine((v) => Buffer.from(v, "base64").length >= 32, "must be base64 of at least 32 random bytes"),
    /** How long a review link stays valid after its round's deadline. */
    REVIEW_LINK_TTL_HOURS: positiveInt(72),
    // Content needs two distinct approvals (R8); with one primary reviewer it would wait for escalation, past an emergency's deadline.
    REVIEWERS_PRIMARY: emailList.refine((list) => new Set(list).size >= 2, "needs at least two distinct reviewers: content disclosure needs two different people's approval (R8)"),
    REVIEWERS_ESCALATION: emailList,
    /** The OpenID Connect issuer staff sign in with: Entra ID (https://login.microsoftonline.com/<tenant>/v2.0) or the local provider. */
    STAFF_OIDC_ISSUER: z.url().refine((v) => !isMultiTenantEntraIssuer(v), "must name one Entra tenant (https://login.microsoftonline.com/<tenant id>/v2.0), not common, organizations or consumers"),
    /** The app's client id at the staff OpenID provider (the Entra app registration). */
    STAFF_OIDC_CLIENT_ID: z.string().min(1),
    /** The app's client secret at the staff OpenID provider (a Key Vault reference in Azure). */
    STAFF_OIDC_CLIENT_SECRET: z
      .string()
      .min(1)
      .refine((v) => !v.startsWith("@Microsoft.KeyVault("), "is an unresolved Key Vault reference: grant the app Key Vault Secrets User"),
    /** Key that encrypts and authenticates staff session cookies (base64, at least 32 bytes); a Key Vault reference in Azure. */
    STAFF_SESSION_KEY: z
      .string()
      .refine((v) => !v.startsWith("@Microsoft.KeyVault("), "is an unresolved Key Vault reference: grant the app Key Vault Secrets User")
      .refine((v) => Buffer.from(v, "base64").length >= 32, "must be base64 of at least 32 random bytes"),
    /** Comma-separated emails of staff administrators (signed-in staff who are not reviewers). */
    STAFF_ADMINS: z
      .string()
      .default("")
      .transform((s) => s.split(",").map((x) => x.trim().toLowerCase()).filter((x) => x.length > 0))
      .pipe(z.array(z.email())),
    MAIL_TRANSPORT: z.enum(["smtp", "acs"]).default("smtp"),
    MAIL_FROM: z.email(),
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_SECURE: flag,
    SMTP_REQUIRE_TLS: flag,
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z
      .string()
      .min(1)
      .refine((v) => !v.startsWith("@Microsoft.KeyVault("), "is an unresolved Key Vault reference: grant the app Key Vault Secrets User")
      .optional(),
    /** Azure Communication Services Email endpoint (MAIL_TRANSPORT=acs), reached with the managed identity. */
    ACS_EMAIL_ENDPOINT: z.url().optional(),
    TEAMS_TRANSPORT: z.enum(["webhook", "directory", "none"]).default("none"),
    /** The Teams Workflows webhook URL (a signed URL: keep it in Key Vault). */
    TEAMS_WEBHOOK_URL: z
      .string()
      .refine((v) => !v.startsWith("@Microsoft.KeyVault("), "is an unresolved Key Vault reference: grant the app Key Vault Secrets User")
      .pipe(z.url())
      .optional(),
    TEAMS_LOCAL_DIR: z.string().min(1).default(".local/teams"),
    /** Where customers reach the compliance team about a notice. */
    NOTICE_CONTACT_EMAIL: z.email().default(EXAMPLE_NOTICE_CONTACT),
    NOTICE_CONTACT_URL: z.url().optional(),
    /** local: a development keyring on disk (npm start); keyvault: the provider's Key Vault with the managed identity. */
    KEY_PROVIDER: z.enum(["local", "keyvault"]).default("keyvault"),
    LOCAL_KEYRING_DIR: z.string().min(1).default(".local/keyring"),
    KEY_VAULT_URL: z.url().optional(),
    /** The provider's RSA key-encryption key for package data keys (R7). */
    KEY_ENCRYPTION_KEY_NAME: z.string().min(1).default("package-kek"),
    /** The provider's RSA signing key for package manifests and audit checkpoints. */
    SIGNING_KEY_NAME: z.string().min(1).default("package-signing"),
    AUDIT_CHECKPOINTS_CONTAINER: z.string().regex(/^[a-z0-9-]{3,63}$/).default("audit-checkpoints"),
    AUDIT_CHECKPOINT_SCHEDULE: schedule("0 15 0 * * *"),
    AUDIT_VERIFY_MAX_BODY_BYTES: positiveInt(5 * 1024 * 1024),
    TRANSPARENCY_REPORTS_CONTAINER: z.string().regex(/^[a-z0-9-]{3,63}$/).default("transparency-reports"),
    TRANSPARENCY_PUBLISH_SCHEDULE: schedule("0 0 4 * * *"),
    /** The first half-year the service reports on (YYYY-H1 or YYYY-H2). */
    TRANSPARENCY_FIRST_PERIOD: ReportPeriod.default("2026-H1"),
    /** Where disclosed customer data is read: blob (a container in the layout of docs/customer-data.md), collector (the provider's HTTP collector), folder (local) or demo (tests). */
    CUSTOMER_DATA_SOURCE: z.enum(["blob", "collector", "folder", "demo"]),
    /** blob: a container name in the app's storage account, or a container URL in another account (reached with the managed identity). */
    CUSTOMER_DATA_CONTAINER: z
      .string()
      .default("customer-data")
      .refine((v) => /^[a-z0-9-]{3,63}$/.test(v) || /^https:\/\/[^/]+\/[a-z0-9-]{3,63}\/?$/.test(v), "must be a container name or https://<account>.blob.core.windows.net/<container>"),
    /** collector: the base URL of the provider's collector (docs/collector-openapi.yaml). */
    CUSTOMER_DATA_COLLECTOR_URL: z.url().optional(),
    /** collector: the audience (application ID URI) the app's managed identity asks a token for. */
    CUSTOMER_DATA_COLLECTOR_AUDIENCE: z.string().min(1).optional(),
    /** folder: the local folder in the layout of docs/customer-data.md. */
    CUSTOMER_DATA_DIR: z.string().min(1).default(".local/customer-data"),
    /** The public base URL of the app, used in Location headers and links. */
    PUBLIC_BASE_URL: z.url().default("http://localhost:7071"),
  })
  .refine((c) => c.BLOB_SERVICE_URL !== undefined || c.BLOB_CONNECTION_STRING !== undefined, {
    message: "set BLOB_SERVICE_URL (Azure) or BLOB_CONNECTION_STRING (local)",
    path: ["BLOB_SERVICE_URL"],
    when: always,
  })
  .refine((c) => c.BLOB_SERVICE_URL === undefined || c.BLOB_CONNECTION_STRING === undefined, {
    message: "set BLOB_SERVICE_URL (Azure) or BLOB_CONNECTION_STRING (local), not both: the connection string would be used and the managed identity ignored",
    path: ["BLOB_CONNECTION_STRING"],
    when: always,
  })
  .refine((c) => c.MAIL_TRANSPORT !== "smtp" || c.SMTP_HOST !== undefined, { message: "MAIL_TRANSPORT=smtp needs SMTP_HOST", path: ["SMTP_HOST"], when: always })
  .refine((c) => c.SMTP_USER === undefined || c.SMTP_PASSWORD !== undefined, { message: "SMTP_USER needs SMTP_PASSWORD", path: ["SMTP_PASSWORD"], when: always })
  .refine((c) => c.SMTP_PASSWORD === undefined || c.SMTP_USER !== undefined, { message: "SMTP_PASSWORD is used only with SMTP_USER", path: ["SMTP_USER"], when: always })
  .refine((c) => c.MAIL_TRANSPORT !== "acs" || c.ACS_EMAIL_ENDPOINT !== undefined, { message: "MAIL_TRANSPORT=acs needs ACS_EMAIL_ENDPOINT", path: ["ACS_EMAIL_ENDPOINT"], when: always })
  .refine((c) => c.KEY_PROVIDER !== "keyvault" || c.KEY_VAULT_URL !== undefined, { message: "KEY_PROVIDER=keyvault needs KEY_VAULT_URL", path: ["KEY_VAULT_URL"], when: always })
  .refine((c) => c.TEAMS_TRANSPORT !== "webhook" || c.TEAMS_WEBHOOK_URL !== undefined, { message: "TEAMS_TRANSPORT=webhook needs TEAMS_WEBHOOK_URL", path: ["TEAMS_WEBHOOK_URL"], when: always })
  .refine((c) => c.CUSTOMER_DATA_SOURCE !== "collector" || c.CUSTOMER_DATA_COLLECTOR_URL !== undefined, {
    message: "CUSTOMER_DATA_SOURCE=collector needs CUSTOMER_DATA_COLLECTOR_URL",
    path: ["CUSTOMER_DATA_COLLECTOR_URL"],
    when: always,
  })
  .refine((c) => c.CUSTOMER_DATA_SOURCE !== "collector" || c.CUSTOMER_DATA_COLLECTOR_AUDIENCE !== undefined, {
    message: "CUSTOMER_DATA_SOURCE=collector needs CUSTOMER_DATA_COLLECTOR_AUDIENCE",
    path: ["CUSTOMER_DATA_COLLECTOR_AUDIENCE"],
    when: always,
  })
  .refine((c) => !(isAzure(c) && c.CUSTOMER_DATA_SOURCE === "collector" && c.CUSTOMER_DATA_COLLECTOR_URL?.startsWith("https://") === false), {
    message: "must be an https:// URL in Azure: the managed identity's token and the customer data it answers with must not cross in clear",
    path: ["CUSTOMER_DATA_COLLECTOR_URL"],
    when: always,
  })
  .refine((c) => !(isAzure(c) && (c.CUSTOMER_DATA_SOURCE === "folder" || c.CUSTOMER_DATA_SOURCE === "demo")), {
    message: "CUSTOMER_DATA_SOURCE=folder and =demo are for local runs only; in Azure (KEY_PROVIDER=keyvault or BLOB_SERVICE_URL set) use blob or collector",
    path: ["CUSTOMER_DATA_SOURCE"],
    when: always,
  })
  .refine((c) => !(c.BLOB_SERVICE_URL !== undefined && c.KEY_PROVIDER === "local"), {
    message: "KEY_PROVIDER=local (a development keyring on disk) is for local runs only; in Azure (BLOB_SERVICE_URL set) use keyvault",
    path: ["KEY_PROVIDER"],
    when: always,
  })
  .refine((c) => !(isAzure(c) && !String(c.PUBLIC_BASE_URL).startsWith("https://")), {
    message: "must be the app's https:// address in Azure (links in mails and the sign-in redirect use it, and staff session cookies are Secure only under https)",
    path: ["PUBLIC_BASE_URL"],
    when: always,
  })
  .refine((c) => !(isAzure(c) && c.NOTICE_CONTACT_EMAIL === EXAMPLE_NOTICE_CONTACT), {
    message: "must be set in Azure: customer notices would otherwise give the example address legal-requests@contoso.example",
    path: ["NOTICE_CONTACT_EMAIL"],
    when: always,
  })
  .refine((c) => !(isAzure(c) && c.CUSTOMER_VAULTS === "local"), {
    message: "CUSTOMER_VAULTS=local (stand-in vaults on disk) is for local runs only; in Azure use keyvault",
    path: ["CUSTOMER_VAULTS"],
    when: always,
  })
  .refine((c) => !(isAzure(c) && c.TEAMS_TRANSPORT === "directory"), {
    message: "TEAMS_TRANSPORT=directory (cards written to disk) is for local runs only; in Azure use webhook or none",
    path: ["TEAMS_TRANSPORT"],
    when: always,
  })
  .refine((c) => !(isAzure(c) && c.COSMOS_KEY !== undefined), {
    message: "a shared Cosmos DB key is for the local emulator only; in Azure leave it unset and the app signs in with its managed identity",
    path: ["COSMOS_KEY"],
    when: always,
  })
  .refine((c) => !(isAzure(c) && c.MAIL_TRANSPORT === "smtp" && c.SMTP_SECURE !== true && c.SMTP_REQUIRE_TLS !== true), {
    message: "must be true in Azure (or SMTP_SECURE=true for implicit TLS): demand copies and review links must not cross to the relay in clear",
    path: ["SMTP_REQUIRE_TLS"],
    when: always,
  })
  .refine((c) => !(isAzure(c) && c.PACKAGE_IMMUTABILITY === "none"), {
    message: "PACKAGE_IMMUTABILITY=none is for local runs only; in Azure a sealed package must be made immutable (legal_hold or retention)",
    path: ["PACKAGE_IMMUTABILITY"],
    when: always,
  })
  .refine((c) => !(isAzure(c) && c.PROVISION_LOCAL_RESOURCES === true), {
    message: "PROVISION_LOCAL_RESOURCES=true is for local runs only; in Azure infra/ creates the database and containers",
    path: ["PROVISION_LOCAL_RESOURCES"],
    when: always,
  });

/** Azure mode: the provider's Key Vault or the managed-identity blob endpoint is in use (local-only stand-ins are refused then). */
function isAzure(c: { KEY_PROVIDER: string; BLOB_SERVICE_URL?: string | undefined }): boolean {
  return c.KEY_PROVIDER === "keyvault" || c.BLOB_SERVICE_URL !== undefined;
}

type ParsedSettings = z.infer<typeof AppConfigSchema>;
type Optional = string | undefined;

/** Where blobs live: a connection string (local) or the managed-identity endpoint (Azure); the schema requires one. */
type BlobMode = { BLOB_CONNECTION_STRING: string; BLOB_SERVICE_URL?: Optional } | { BLOB_CONNECTION_STRING?: undefined; BLOB_SERVICE_URL: string };
/** Each mail transport with the setting it needs. */
type MailMode = { MAIL_TRANSPORT: "smtp"; SMTP_HOST: string; ACS_EMAIL_ENDPOINT?: Optional } | { MAIL_TRANSPORT: "acs"; ACS_EMAIL_ENDPOINT: string; SMTP_HOST?: Optional };
/** Each key provider with the setting it needs. */
type KeyMode = { KEY_PROVIDER: "local"; KEY_VAULT_URL?: Optional } | { KEY_PROVIDER: "keyvault"; KEY_VAULT_URL: string };
/** Each Teams transport with the setting it needs. */
type TeamsMode = { TEAMS_TRANSPORT: "webhook"; TEAMS_WEBHOOK_URL: string } | { TEAMS_TRANSPORT: "directory" | "none"; TEAMS_WEBHOOK_URL?: Optional };
/** Each customer data source with the settings it needs. */
type DataSourceMode =
  | { CUSTOMER_DATA_SOURCE: "collector"; CUSTOMER_DATA_COLLECTOR_URL: string; CUSTOMER_DATA_COLLECTOR_AUDIENCE: string }
  | { CUSTOMER_DATA_SOURCE: "blob" | "folder" | "demo"; CUSTOMER_DATA_COLLECTOR_URL?: Optional; CUSTOMER_DATA_COLLECTOR_AUDIENCE?: Optional };
type ModeKeys = keyof BlobMode | keyof MailMode | keyof KeyMode | keyof TeamsMode | keyof DataSourceMode | "SMTP_HOST" | "ACS_EMAIL_ENDPOINT" | "KEY_VAULT_URL" | "TEAMS_WEBHOOK_URL" | "BLOB_SERVICE_URL" | "BLOB_CONNECTION_STRING" | "CUSTOMER_DATA_COLLECTOR_URL" | "CUSTOMER_DATA_COLLECTOR_AUDIENCE";

/** The parsed configuration; each mode's type says which settings it has (the schema's refines guarantee them). */
export type AppConfig = Omit<ParsedSettings, ModeKeys> & BlobMode & MailMode & KeyMode & TeamsMode & DataSourceMode;

/** Raised when the environment does not hold a valid configuration; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once; throws ConfigError naming every missing, invalid or misspelt setting (never its value). */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  // An empty setting (as local.settings.json and the portal leave them) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const result = AppConfigSchema.safeParse(set);
  const unknown = unknownSettingProblems(Object.keys(set), Object.keys(AppConfigSchema.shape));
  if (!result.success || unknown.length > 0) {
    throw new ConfigError([...(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)), ...unknown]);
  }
  // The refines above require each mode's settings, which is what the mode types say.
  return result.data as AppConfig;
}

/** The policy's limits; the emergency review deadline is the lifecycle's LIFECYCLE_EMERGENCY_REVIEW_DEADLINE, in minutes. */
export function policyLimitsOf(config: AppConfig): PolicyLimits {
  return {
    maxAccounts: config.POLICY_MAX_ACCOUNTS,
    maxRangeDays: config.POLICY_MAX_RANGE_DAYS,
    maxEmergencyRangeDays: config.POLICY_MAX_EMERGENCY_RANGE_DAYS,
    emergencyReviewMinutes: Math.round(isoDurationMs(config.LIFECYCLE_EMERGENCY_REVIEW_DEADLINE) / 60_000),
  };
}

/** The lifecycle's deadlines, handed to each orchestration as input. */
export function lifecycleSettingsOf(config: AppConfig): LifecycleSettings {
  return {
    redirectDeadline: config.LIFECYCLE_REDIRECT_DEADLINE,
    reviewDeadline: config.LIFECYCLE_REVIEW_DEADLINE,
    emergencyReviewDeadline: config.LIFECYCLE_EMERGENCY_REVIEW_DEADLINE,
    objectionWindow: config.LIFECYCLE_OBJECTION_WINDOW,
    secrecyReviewInterval: config.LIFECYCLE_SECRECY_REVIEW_INTERVAL,
    secrecyExpiryDecisionWindow: config.LIFECYCLE_SECRECY_EXPIRY_DECISION_WINDOW,
    secrecyExpiryLead: config.LIFECYCLE_SECRECY_EXPIRY_LEAD,
    retry: {
      firstIntervalMs: isoDurationMs(config.LIFECYCLE_RETRY_FIRST_INTERVAL),
      maxIntervalMs: isoDurationMs(config.LIFECYCLE_RETRY_MAX_INTERVAL),
      maxAttempts: config.LIFECYCLE_RETRY_ATTEMPTS,
    },
    maxReminders: config.LIFECYCLE_MAX_REMINDERS,
  };
}
