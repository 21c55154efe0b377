import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { AppConfigSchema, parseConfig } from "../../../shared/config/app-config";
import { blockLines, literal, objectEntries, readInfra } from "./bicep-text";

const functionApp = readInfra("modules/function-app.bicep");
const baseSettings = objectEntries(blockLines(functionApp, "var appSettings = {", "}"));
// Added only with the Durable Task Scheduler provider (function-app.bicep).
const durableTaskSchedulerSettings = objectEntries(blockLines(functionApp, "var durableTaskSchedulerSettings = {", "}"));
const appSettings = new Map([...baseSettings, ...durableTaskSchedulerSettings]);
const schemaKeys = Object.keys(AppConfigSchema.shape);
const shape: Record<string, { safeParse(value: unknown): { success: boolean } }> = AppConfigSchema.shape;

/** Settings infra sets for the Functions platform, not for the app's config schema. */
const PLATFORM_SETTINGS = [
  // Identity-based connection for the Functions host and the Durable task hub (no connection string, no key).
  "AzureWebJobsStorage__accountName",
  "AzureWebJobsStorage__credential",
  // Read by the Functions host, and by shared/telemetry's startTelemetry.
  "APPLICATIONINSIGHTS_CONNECTION_STRING",
  // Entra ID authentication for telemetry (Application Insights has local auth off): the host and startTelemetry.
  "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
  // Durable Task Scheduler only: its connection, and host.json's storage provider overridden through app settings.
  "DURABLE_TASK_SCHEDULER_CONNECTION_STRING",
  "AzureFunctionsJobHost__extensions__durableTask__storageProvider__type",
  "AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName",
  // host.json: "hubName": "%DURABLE_TASK_HUB%".
  "DURABLE_TASK_HUB",
];

/** Schema settings infra leaves unset in Azure, each for a reason. */
const NOT_SET_IN_AZURE: Record<string, string> = {
  COSMOS_KEY: "local emulator only; Azure signs in with the managed identity",
  BLOB_CONNECTION_STRING: "local Azurite only; Azure uses BLOB_SERVICE_URL and the managed identity",
  TEAMS_LOCAL_DIR: "only for TEAMS_TRANSPORT=directory, a local transport",
  LOCAL_KEYRING_DIR: "only for KEY_PROVIDER=local, a development keyring on disk",
  LOCAL_CUSTOMER_VAULTS_DIR: "only for CUSTOMER_VAULTS=local, stand-in customer vaults on disk",
  PACKAGE_RETENTION_DAYS: "only for PACKAGE_IMMUTABILITY=retention; Azure uses a legal hold",
  PACKAGE_RETENTION_LOCKED: "only for PACKAGE_IMMUTABILITY=retention",
  POLICY_MAX_ACCOUNTS: "schema default",
  POLICY_MAX_RANGE_DAYS: "schema default",
  POLICY_MAX_EMERGENCY_RANGE_DAYS: "schema default",
  INTAKE_MAX_BODY_BYTES: "schema default",
  LIFECYCLE_REDIRECT_DEADLINE: "schema default",
  LIFECYCLE_REVIEW_DEADLINE: "schema default",
  LIFECYCLE_EMERGENCY_REVIEW_DEADLINE: "schema default",
  LIFECYCLE_OBJECTION_WINDOW: "schema default",
  LIFECYCLE_SECRECY_REVIEW_INTERVAL: "schema default",
  LIFECYCLE_SECRECY_EXPIRY_DECISION_WINDOW: "schema default",
  LIFECYCLE_SECRECY_EXPIRY_LEAD: "schema default",
  LIFECYCLE_RETRY_FIRST_INTERVAL: "schema default",
  LIFECYCLE_RETRY_MAX_INTERVAL: "schema default",
  LIFECYCLE_RETRY_ATTEMPTS: "schema default",
  LIFECYCLE_WAKE_SCHEDULE: "schema default",
  OPERATOR_EMAILS: "optional: defaults to the escalation reviewers",
  CUSTOMER_DATA_DIR: "only for CUSTOMER_DATA_SOURCE=folder, a local source",
  LIFECYCLE_MAX_REMINDERS: "schema default",
  LIFECYCLE_HISTORY_RETENTION_DAYS: "schema default",
  REVIEW_LINK_TTL_HOURS: "schema default",
  AUDIT_CHECKPOINT_SCHEDULE: "schema default",
  AUDIT_VERIFY_MAX_BODY_BYTES: "schema default",
  TRANSPARENCY_PUBLISH_SCHEDULE: "schema default",
};

/** Settings the Flex Consumption plan refuses or ignores (the runtime is in functionAppConfig). */
const NOT_ON_FLEX = ["FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME", "WEBSITE_NODE_DEFAULT_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"];

/** Settings whose values are secrets: infra must set them as Key Vault references. */
const SECRET_SETTINGS = ["REVIEW_TOKEN_KEY", "SMTP_PASSWORD", "TEAMS_WEBHOOK_URL", "STAFF_OIDC_CLIENT_SECRET", "STAFF_SESSION_KEY"];

function isRequired(key: string): boolean {
  return shape[key]?.safeParse(undefined).success === false;
}

describe("infra/ app settings agree with the config schema (shared/config/app-config.ts)", () => {
  it("reads a non-trivial settings block", () => {
    expect(baseSettings.size).toBeGreaterThan(20);
    expect(durableTaskSchedulerSettings.size).toBe(3);
    expect(appSettings.has("COSMOS_ENDPOINT")).toBe(true);
  });

  it("sets no setting the schema does not know, apart from the documented platform settings", () => {
    const unknown = [...appSettings.keys()].filter((name) => !schemaKeys.includes(name) && !PLATFORM_SETTINGS.includes(name));
    expect(unknown, `infra sets settings the config schema does not read: ${unknown.join(", ")}`).toEqual([]);
  });

  it("sets every setting the schema requires (no default, not optional)", () => {
    const required = schemaKeys.filter(isRequired);
    expect(required).toContain("REVIEW_TOKEN_KEY");
    const missing = required.filter((name) => !appSettings.has(name));
    expect(missing, `infra does not set required settings: ${missing.join(", ")}`).toEqual([]);
  });

  it("decides every schema setting: set by infra, or left unset for a stated reason", () => {
    const undecided = schemaKeys.filter((name) => !appSettings.has(name) && NOT_SET_IN_AZURE[name] === undefined);
    expect(undecided, `set these in infra/modules/function-app.bicep or list them in NOT_SET_IN_AZURE: ${undecided.join(", ")}`).toEqual([]);
    const stale = Object.keys(NOT_SET_IN_AZURE).filter((name) => !schemaKeys.includes(name) || appSettings.has(name));
    expect(stale, `NOT_SET_IN_AZURE lists settings the schema dropped or infra now sets: ${stale.join(", ")}`).toEqual([]);
  });

  it("uses the Azure-only settings: managed identity, no local resources, nothing Flex refuses", () => {
    expect(appSettings.get("PROVISION_LOCAL_RESOURCES")).toBe("'false'");
    expect(appSettings.has("BLOB_SERVICE_URL")).toBe(true);
    for (const name of ["COSMOS_KEY", "BLOB_CONNECTION_STRING", "AzureWebJobsStorage", ...NOT_ON_FLEX]) {
      expect(appSettings.has(name), `${name} must not be set in Azure`).toBe(false);
    }
    expect(appSettings.get("AzureWebJobsStorage__credential")).toBe("'managedidentity'");
  });

  it("sets every secret as a Key Vault reference, never a value", () => {
    for (const name of SECRET_SETTINGS) {
      const value = appSettings.get(name) ?? "";
      const definition = new RegExp(`^var ${value} = .*'@Microsoft\\.KeyVault\\(SecretUri=\\$\\{secretUri\\}/[a-z-]+\\)'`, "m");
      expect(value, `${name} must name a var holding a Key Vault reference`).toMatch(/^\w+Reference$/);
      expect(functionApp, `${name}: var ${value} is not a Key Vault reference`).toMatch(definition);
    }
  });

  it("names only blob containers that infra creates", () => {
    const storage = readInfra("modules/storage.bicep");
    const created = [...blockLines(storage, "var blobContainers = [", "]").join("\n").matchAll(/name: '([a-z0-9-]+)'/g)].map((m) => m[1]);
    expect(created).toEqual(expect.arrayContaining(["documents", "packages", "audit-checkpoints", "transparency-reports"]));
    const named = [...appSettings].filter(([name]) => name.endsWith("_CONTAINER"));
    expect(named.length).toBeGreaterThan(0);
    for (const [name, value] of named) expect(created, `${name}=${value}`).toContain(literal(value));
  });

  it("offers only mode values the app accepts in Azure (a value it refuses would deploy an app that cannot start)", () => {
    const azure = {
      COSMOS_ENDPOINT: "https://cosmos.example/",
      BLOB_SERVICE_URL: "https://blobs.example/",
      KEY_VAULT_URL: "https://vault.example/",
      PROVIDER_LEGAL_NAMES: "Contoso",
      REVIEW_TOKEN_KEY: Buffer.alloc(32, 1).toString("base64"),
      STAFF_SESSION_KEY: Buffer.alloc(32, 2).toString("base64"),
      REVIEWERS_PRIMARY: "ana@provider.example,ben@provider.example",
      REVIEWERS_ESCALATION: "lead@provider.example",
      STAFF_OIDC_ISSUER: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
      STAFF_OIDC_CLIENT_ID: "client",
      STAFF_OIDC_CLIENT_SECRET: "secret",
      MAIL_FROM: "compliance@provider.example",
      SMTP_HOST: "smtp.provider.example",
      // What main.bicep and function-app.bicep fix for every deployment (checked below).
      SMTP_REQUIRE_TLS: "true",
      PACKAGE_IMMUTABILITY: literal(appSettings.get("PACKAGE_IMMUTABILITY") ?? ""),
      CUSTOMER_DATA_SOURCE: "blob",
      PUBLIC_BASE_URL: "https://lrw.provider.example",
      NOTICE_CONTACT_EMAIL: "legal@provider.example",
    };
    const needs: Record<string, Record<string, string>> = {
      collector: { CUSTOMER_DATA_COLLECTOR_URL: "https://collector.example/", CUSTOMER_DATA_COLLECTOR_AUDIENCE: "api://collector" },
      acs: { ACS_EMAIL_ENDPOINT: "https://acs.example/" },
      webhook: { TEAMS_WEBHOOK_URL: "https://webhook.example/" },
    };
    const params = { customerDataSource: "CUSTOMER_DATA_SOURCE", mailTransport: "MAIL_TRANSPORT", teamsTransport: "TEAMS_TRANSPORT" };
    for (const file of ["main.bicep", "modules/function-app.bicep"]) {
      const text = readInfra(file);
      for (const [param, setting] of Object.entries(params)) {
        const allowed = new RegExp(`^@allowed\\(\\[([^\\]]*)\\]\\)\\n(?:@description\\(.*\\)\\n)?param ${param} `, "m").exec(text)?.[1];
        expect(allowed, `${file}: @allowed of ${param}`).toBeDefined();
        for (const value of [...(allowed ?? "").matchAll(/'([^']*)'/g)].map((m) => m[1] ?? "")) {
          expect(() => parseConfig({ ...azure, ...needs[value], [setting]: value }), `${file}: ${param} = '${value}'`).not.toThrow();
        }
      }
    }
  });

  it("R7: fixes what Azure mode insists on: STARTTLS to the SMTP relay, immutable packages, no Cosmos DB key", () => {
    expect(readInfra("main.bicep")).toMatch(/^\s+smtpRequireTls: 'true'$/m);
    expect(appSettings.get("SMTP_REQUIRE_TLS")).toBe("smtpRequireTls");
    expect(["legal_hold", "retention"]).toContain(literal(appSettings.get("PACKAGE_IMMUTABILITY") ?? ""));
    expect(appSettings.has("COSMOS_KEY")).toBe(false);
  });

  it("gives the task hub the name host.json reads", () => {
    const host = JSON.parse(readFileSync(path.join(__dirname, "../../../host.json"), "utf8")) as { extensions: { durableTask: { hubName: string } } };
    expect(host.extensions.durableTask.hubName).toBe("%DURABLE_TASK_HUB%");
    expect(appSettings.has("DURABLE_TASK_HUB")).toBe(true);
  });
});

describe("infra/ Cosmos DB containers", () => {
  it("are exactly the app's containers with their partition keys (shared/adapters/cosmos/cosmos-containers.ts)", () => {
    const lines = blockLines(readInfra("modules/cosmos.bicep"), "var cosmosContainers = [", "]");
    const inBicep = lines.map((line) => {
      const match = /^ {2}\{ id: '(\w+)', partitionKey: '(\/\w+)' \}$/.exec(line);
      if (match === null) throw new Error(`not a one-line { id, partitionKey } entry: ${line}`);
      return { id: match[1], partitionKey: match[2] };
    });
    const expected = Object.values(COSMOS_CONTAINERS).map(({ id, partitionKey }) => ({ id, partitionKey }));
    const byId = (a: { id?: string }, b: { id?: string }) => (a.id ?? "").localeCompare(b.id ?? "");
    expect([...inBicep].sort(byId)).toEqual([...expected].sort(byId));
  });

  it("are reached with Entra ID only", () => {
    expect(readInfra("modules/cosmos.bicep")).toMatch(/^\s+disableLocalAuth: true$/m);
  });
});
