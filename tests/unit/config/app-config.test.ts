import { describe, expect, expectTypeOf, it } from "vitest";
import { ConfigError, lifecycleSettingsOf, parseConfig, policyLimitsOf } from "../../../shared/config/app-config";

const valid = {
  COSMOS_ENDPOINT: "https://cosmos.example:443/",
  BLOB_SERVICE_URL: "https://blobs.example/",
  PROVIDER_LEGAL_NAMES: "Contoso Cloud Services LLC, Contoso",
  REVIEW_TOKEN_KEY: Buffer.alloc(32, 1).toString("base64"),
  REVIEWERS_PRIMARY: "Ana@provider.example, ben@provider.example",
  REVIEWERS_ESCALATION: "lead@provider.example",
  MAIL_FROM: "compliance@provider.example",
  SMTP_HOST: "smtp.provider.example",
  SMTP_REQUIRE_TLS: "true",
  KEY_VAULT_URL: "https://vault.example/",
  STAFF_OIDC_ISSUER: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
  STAFF_OIDC_CLIENT_ID: "00000000-0000-0000-0000-000000000002",
  STAFF_OIDC_CLIENT_SECRET: "client-secret",
  STAFF_SESSION_KEY: Buffer.alloc(32, 2).toString("base64"),
  CUSTOMER_DATA_SOURCE: "blob",
  PUBLIC_BASE_URL: "https://lrw.provider.example",
  NOTICE_CONTACT_EMAIL: "legal@provider.example",
};

describe("parseConfig", () => {
  it("types each mode with the settings its refine guarantees (no `?? \"\"` needed downstream)", () => {
    const config = parseConfig({ ...valid, MAIL_TRANSPORT: "acs", ACS_EMAIL_ENDPOINT: "https://acs.example/", CUSTOMER_DATA_SOURCE: "collector", CUSTOMER_DATA_COLLECTOR_URL: "https://collector.example/", CUSTOMER_DATA_COLLECTOR_AUDIENCE: "api://collector" });
    if (config.MAIL_TRANSPORT !== "acs" || config.CUSTOMER_DATA_SOURCE !== "collector" || config.KEY_PROVIDER !== "keyvault") throw new Error("modes not parsed");
    expectTypeOf(config.ACS_EMAIL_ENDPOINT).toEqualTypeOf<string>();
    expectTypeOf(config.CUSTOMER_DATA_COLLECTOR_URL).toEqualTypeOf<string>();
    expectTypeOf(config.KEY_VAULT_URL).toEqualTypeOf<string>();
    expect(config.CUSTOMER_DATA_COLLECTOR_AUDIENCE).toBe("api://collector");
    if (config.BLOB_CONNECTION_STRING === undefined) expectTypeOf(config.BLOB_SERVICE_URL).toEqualTypeOf<string>();
  });

  it("R10: one emergency review deadline (LIFECYCLE_EMERGENCY_REVIEW_DEADLINE) for the plan reviewers see and the lifecycle", () => {
    const config = parseConfig({ ...valid, LIFECYCLE_EMERGENCY_REVIEW_DEADLINE: "PT45M" });
    expect(policyLimitsOf(config).emergencyReviewMinutes).toBe(45);
    expect(lifecycleSettingsOf(config).emergencyReviewDeadline).toBe("PT45M");
    expect(policyLimitsOf(parseConfig(valid)).emergencyReviewMinutes).toBe(60);
    // The durable history of finished lifecycles is kept 90 days unless the operator says otherwise (never 0 days).
    expect(parseConfig(valid).LIFECYCLE_HISTORY_RETENTION_DAYS).toBe(90);
    expect(parseConfig({ ...valid, LIFECYCLE_HISTORY_RETENTION_DAYS: "365" }).LIFECYCLE_HISTORY_RETENTION_DAYS).toBe(365);
    expect(() => parseConfig({ ...valid, LIFECYCLE_HISTORY_RETENTION_DAYS: "0" })).toThrow(/LIFECYCLE_HISTORY_RETENTION_DAYS/);
  });

  it("R8: refuses a multi-tenant Entra issuer (common, organizations, consumers), whose ID tokens openid-client takes from any tenant", () => {
    for (const tenant of ["common", "organizations", "consumers", "Common", "{tenantid}"]) {
      expect(() => parseConfig({ ...valid, STAFF_OIDC_ISSUER: `https://login.microsoftonline.com/${tenant}/v2.0` }), tenant).toThrow(/STAFF_OIDC_ISSUER/);
    }
    expect(parseConfig(valid).STAFF_OIDC_ISSUER).toBe(valid.STAFF_OIDC_ISSUER);
    expect(parseConfig({ ...valid, STAFF_OIDC_ISSUER: "http://127.0.0.1:7072" }).STAFF_OIDC_ISSUER).toBe("http://127.0.0.1:7072");
  });

  it("R8: refuses a primary reviewer pool of fewer than two distinct people, who could never approve content on their own", () => {
    for (const pool of ["ana@provider.example", "ana@provider.example, Ana@Provider.example"]) {
      expect(() => parseConfig({ ...valid, REVIEWERS_PRIMARY: pool }), pool).toThrow(/REVIEWERS_PRIMARY: .*two distinct/);
    }
    expect(() => parseConfig({ ...valid, REVIEWERS_PRIMARY: "ana@provider.example", SMTP_PORT: "x" })).toThrow(/REVIEWERS_PRIMARY[\s\S]*SMTP_PORT|SMTP_PORT[\s\S]*REVIEWERS_PRIMARY/);
    expect(parseConfig({ ...valid, REVIEWERS_ESCALATION: "lead@provider.example" }).REVIEWERS_PRIMARY).toHaveLength(2);
  });

  it("refuses an OPERATOR_EMAILS that lists nobody (\",\"): parked demands and failed lifecycles would be reported to no one", () => {
    expect(() => parseConfig({ ...valid, OPERATOR_EMAILS: " , " })).toThrow(/OPERATOR_EMAILS/);
    expect(parseConfig({ ...valid, OPERATOR_EMAILS: "Ops@provider.example" }).OPERATOR_EMAILS).toEqual(["ops@provider.example"]);
  });

  it("parses a minimal Azure configuration with defaults", () => {
    const config = parseConfig(valid);
    expect(config.PROVIDER_LEGAL_NAMES).toEqual(["Contoso Cloud Services LLC", "Contoso"]);
    expect(config.PROVISION_LOCAL_RESOURCES).toBe(false);
    expect(config.POLICY_MAX_ACCOUNTS).toBe(25);
    expect(config.DATA_ACCESS_AGREEMENTS).toEqual([]);
    expect(config.REVIEWERS_PRIMARY).toEqual(["ana@provider.example", "ben@provider.example"]);
    expect(config.LIFECYCLE_REVIEW_DEADLINE).toBe("P5D");
  });

  it("parses international agreements", () => {
    expect(parseConfig({ ...valid, DATA_ACCESS_AGREEMENTS: "US:GB, GB:EU_EEA" }).DATA_ACCESS_AGREEMENTS).toEqual([
      { requesterCountry: "US", dataRegion: "GB" },
      { requesterCountry: "GB", dataRegion: "EU_EEA" },
    ]);
  });

  it("lists every problem at once, naming settings but never their values", () => {
    let error: unknown;
    try {
      parseConfig({ COSMOS_ENDPOINT: "not a url", COSMOS_KEY: "secret-value-123", POLICY_MAX_ACCOUNTS: "-3", DATA_ACCESS_AGREEMENTS: "US-GB" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of ["COSMOS_ENDPOINT", "PROVIDER_LEGAL_NAMES", "POLICY_MAX_ACCOUNTS", "DATA_ACCESS_AGREEMENTS"]) expect(problems).toContain(name);
    expect((error as ConfigError).message).not.toContain("secret-value-123");
  });

  it("lists a misspelt setting (in the app's namespace, or a near-miss of a name it reads) with every other problem, never ignoring it", () => {
    let error: unknown;
    try {
      parseConfig({ ...valid, SMTP_REQUIRE_TSL: "true", SMPT_REQUIRE_TLS: "true", package_immutability: "legal_hold", LIFECYCLE_OBJECTION_WINDOWS: "P20D", SMTP_PORT: "x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/SMTP_REQUIRE_TSL: .*SMTP_REQUIRE_TLS/);
    expect(problems).toMatch(/SMPT_REQUIRE_TLS: .*SMTP_REQUIRE_TLS/);
    expect(problems).toMatch(/package_immutability: .*PACKAGE_IMMUTABILITY/);
    expect(problems).toMatch(/LIFECYCLE_OBJECTION_WINDOWS: .*LIFECYCLE_OBJECTION_WINDOW/);
    expect(problems).toContain("SMTP_PORT: ");
    expect(() => parseConfig({ ...valid, SMTP_TIMEOUT: "5" })).toThrow(/SMTP_TIMEOUT: is not a setting/);
    expect(() => parseConfig({ ...valid, KEY_VAULT_URI: "https://vault.example/" })).toThrow(/KEY_VAULT_URI: .*KEY_VAULT_URL/);
    // The platform's, the shell's and npm start's own settings are not the app's to judge.
    const others = { PATH: "/usr/bin", HOME: "/home/app", FUNCTIONS_WORKER_RUNTIME: "node", AzureWebJobsStorage: "x", DURABLE_TASK_HUB: "hub", APPLICATIONINSIGHTS_CONNECTION_STRING: "x", WEBSITE_HOSTNAME: "x", HTTP_PORT: "80", STAFF_OIDC_PORT: "7072", LOCAL_HOST_STATE_DIR: "/tmp", KEY_FILE: "x", DATA_DIR: "x" };
    expect(parseConfig({ ...valid, ...others }).SMTP_REQUIRE_TLS).toBe(true);
  });

  it("lists the missing settings of each mode together with the invalid ones, not only once the rest is valid", () => {
    let error: unknown;
    try {
      parseConfig({ ...valid, PROVIDER_LEGAL_NAMES: undefined, SMTP_PORT: "x", SMTP_HOST: undefined, KEY_VAULT_URL: undefined, TEAMS_TRANSPORT: "webhook", CUSTOMER_DATA_SOURCE: "folder" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of ["PROVIDER_LEGAL_NAMES", "SMTP_PORT", "SMTP_HOST", "KEY_VAULT_URL", "TEAMS_WEBHOOK_URL", "CUSTOMER_DATA_SOURCE"]) expect(problems).toContain(name);
  });

  it("refuses a first transparency period outside the reportable years (the publish loop compares ISO dates)", () => {
    expect(() => parseConfig({ ...valid, TRANSPARENCY_FIRST_PERIOD: "9999-H2" })).toThrow(/TRANSPARENCY_FIRST_PERIOD/);
    expect(parseConfig({ ...valid, TRANSPARENCY_FIRST_PERIOD: "2027-H2" }).TRANSPARENCY_FIRST_PERIOD).toBe("2027-H2");
  });

  it("needs the settings of the transports it is told to use", () => {
    expect(() => parseConfig({ ...valid, SMTP_HOST: undefined })).toThrow(/SMTP_HOST/);
    expect(() => parseConfig({ ...valid, MAIL_TRANSPORT: "acs" })).toThrow(/ACS_EMAIL_ENDPOINT/);
    expect(() => parseConfig({ ...valid, TEAMS_TRANSPORT: "webhook" })).toThrow(/TEAMS_WEBHOOK_URL/);
    expect(() => parseConfig({ ...valid, REVIEW_TOKEN_KEY: "c2hvcnQ=" })).toThrow(/REVIEW_TOKEN_KEY/);
    expect(() => parseConfig({ ...valid, LIFECYCLE_REVIEW_DEADLINE: "5 days" })).toThrow(/LIFECYCLE_REVIEW_DEADLINE/);
  });

  it("refuses a zero first retry delay: durable-functions' RetryOptions throws on it, failing every lifecycle at its first step", () => {
    expect(() => parseConfig({ ...valid, LIFECYCLE_RETRY_FIRST_INTERVAL: "PT0S" })).toThrow(/LIFECYCLE_RETRY_FIRST_INTERVAL/);
    expect(parseConfig({ ...valid, LIFECYCLE_RETRY_FIRST_INTERVAL: "PT1S" }).LIFECYCLE_RETRY_FIRST_INTERVAL).toBe("PT1S");
  });

  it("durable: refuses a longest retry delay past the Azure Storage provider's 6-day durable timer, which a retry waits on", () => {
    let error: unknown;
    try {
      parseConfig({ ...valid, LIFECYCLE_RETRY_MAX_INTERVAL: "P7D" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join("\n")).toMatch(/LIFECYCLE_RETRY_MAX_INTERVAL.*at most P6D/);
    expect(() => parseConfig({ ...valid, LIFECYCLE_RETRY_MAX_INTERVAL: "P2W" })).toThrow(/LIFECYCLE_RETRY_MAX_INTERVAL/);
    expect(parseConfig({ ...valid, LIFECYCLE_RETRY_MAX_INTERVAL: "P6D" }).LIFECYCLE_RETRY_MAX_INTERVAL).toBe("P6D");
  });

  it("needs one way to reach Blob storage", () => {
    const { BLOB_SERVICE_URL: _unused, ...rest } = valid;
    expect(() => parseConfig(rest)).toThrow(/BLOB_SERVICE_URL/);
    expect(parseConfig({ ...rest, BLOB_CONNECTION_STRING: "UseDevelopmentStorage=true" }).BLOB_CONNECTION_STRING).toBe("UseDevelopmentStorage=true");
  });

  it("needs a customer data source, and the collector's URL and audience when it is the collector", () => {
    expect(() => parseConfig({ ...valid, CUSTOMER_DATA_SOURCE: undefined })).toThrow(/CUSTOMER_DATA_SOURCE/);
    expect(() => parseConfig({ ...valid, CUSTOMER_DATA_SOURCE: "s3" })).toThrow(/CUSTOMER_DATA_SOURCE/);
    expect(() => parseConfig({ ...valid, CUSTOMER_DATA_SOURCE: "collector" })).toThrow(/CUSTOMER_DATA_COLLECTOR_URL[\s\S]*CUSTOMER_DATA_COLLECTOR_AUDIENCE/);
    const collector = parseConfig({ ...valid, CUSTOMER_DATA_SOURCE: "collector", CUSTOMER_DATA_COLLECTOR_URL: "https://collector.provider.example/", CUSTOMER_DATA_COLLECTOR_AUDIENCE: "api://collector" });
    expect(collector.CUSTOMER_DATA_COLLECTOR_AUDIENCE).toBe("api://collector");
    expect(parseConfig(valid).CUSTOMER_DATA_CONTAINER).toBe("customer-data");
    expect(parseConfig({ ...valid, CUSTOMER_DATA_CONTAINER: "https://exports.blob.core.windows.net/customer-export" }).CUSTOMER_DATA_CONTAINER).toMatch(/^https:/);
    expect(() => parseConfig({ ...valid, CUSTOMER_DATA_CONTAINER: "Not A Container" })).toThrow(/CUSTOMER_DATA_CONTAINER/);
  });

  it("R1: refuses a collector reached over plain http in Azure (its token and customer data would cross in clear), not locally", () => {
    const collector = { CUSTOMER_DATA_SOURCE: "collector", CUSTOMER_DATA_COLLECTOR_URL: "http://collector.provider.example/", CUSTOMER_DATA_COLLECTOR_AUDIENCE: "api://collector" };
    expect(() => parseConfig({ ...valid, ...collector })).toThrow(/CUSTOMER_DATA_COLLECTOR_URL: .*https/);
    const local = { ...valid, KEY_PROVIDER: "local", BLOB_SERVICE_URL: undefined, BLOB_CONNECTION_STRING: "UseDevelopmentStorage=true" };
    expect(parseConfig({ ...local, ...collector, CUSTOMER_DATA_COLLECTOR_URL: "http://127.0.0.1:7300/" }).CUSTOMER_DATA_COLLECTOR_URL).toBe("http://127.0.0.1:7300/");
  });

  it("bounds a download link's life by what Azure signs (a user delegation SAS lasts at most 7 days), naming the setting", () => {
    expect(parseConfig({ ...valid, PACKAGE_LINK_TTL_MINUTES: "10080" }).PACKAGE_LINK_TTL_MINUTES).toBe(10080);
    expect(() => parseConfig({ ...valid, PACKAGE_LINK_TTL_MINUTES: "10081" })).toThrow(/PACKAGE_LINK_TTL_MINUTES/);
  });

  it("refuses a local or demo data source in Azure, naming the setting", () => {
    for (const source of ["folder", "demo"]) {
      expect(() => parseConfig({ ...valid, CUSTOMER_DATA_SOURCE: source })).toThrow(/CUSTOMER_DATA_SOURCE: .*local runs only/);
      const { BLOB_SERVICE_URL: _url, ...local } = valid;
      // Key Vault keys alone also mean Azure.
      expect(() => parseConfig({ ...local, BLOB_CONNECTION_STRING: "UseDevelopmentStorage=true", CUSTOMER_DATA_SOURCE: source })).toThrow(/CUSTOMER_DATA_SOURCE/);
      expect(parseConfig({ ...local, BLOB_CONNECTION_STRING: "UseDevelopmentStorage=true", KEY_PROVIDER: "local", CUSTOMER_DATA_SOURCE: source }).CUSTOMER_DATA_SOURCE).toBe(source);
    }
  });

  it("refuses the other local-only stand-ins in Azure (stand-in customer vaults, Teams cards on disk, creating resources), naming each", () => {
    let error: unknown;
    try {
      parseConfig({ ...valid, CUSTOMER_VAULTS: "local", TEAMS_TRANSPORT: "directory", PROVISION_LOCAL_RESOURCES: "true" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of ["CUSTOMER_VAULTS", "TEAMS_TRANSPORT", "PROVISION_LOCAL_RESOURCES"]) expect(problems).toMatch(new RegExp(`${name}: .*local runs only`));
    const { BLOB_SERVICE_URL: _url, ...local } = valid;
    const config = parseConfig({ ...local, BLOB_CONNECTION_STRING: "UseDevelopmentStorage=true", KEY_PROVIDER: "local", CUSTOMER_VAULTS: "local", TEAMS_TRANSPORT: "directory", PROVISION_LOCAL_RESOURCES: "true" });
    expect([config.CUSTOMER_VAULTS, config.TEAMS_TRANSPORT, config.PROVISION_LOCAL_RESOURCES]).toEqual(["local", "directory", true]);
  });

  it("refuses the development keyring on disk when the managed-identity blob endpoint says Azure", () => {
    expect(() => parseConfig({ ...valid, KEY_PROVIDER: "local" })).toThrow(/KEY_PROVIDER: .*local runs only/);
    const { BLOB_SERVICE_URL: _url, ...local } = valid;
    expect(parseConfig({ ...local, BLOB_CONNECTION_STRING: "UseDevelopmentStorage=true", KEY_PROVIDER: "local" }).KEY_PROVIDER).toBe("local");
  });

  it("refuses both ways to reach Blob storage at once (the connection string would silently win over the managed identity)", () => {
    expect(() => parseConfig({ ...valid, BLOB_CONNECTION_STRING: "UseDevelopmentStorage=true" })).toThrow(/BLOB_CONNECTION_STRING: .*BLOB_SERVICE_URL/);
  });

  it("refuses a timer schedule that is not a six-field NCRONTAB (the Functions host would leave that timer unregistered while the rest ran)", () => {
    let error: unknown;
    try {
      parseConfig({ ...valid, LIFECYCLE_WAKE_SCHEDULE: "every minute", AUDIT_CHECKPOINT_SCHEDULE: "15 0 * * *", TRANSPARENCY_PUBLISH_SCHEDULE: "0 0 4 * * * *" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of ["LIFECYCLE_WAKE_SCHEDULE", "AUDIT_CHECKPOINT_SCHEDULE", "TRANSPARENCY_PUBLISH_SCHEDULE"]) expect(problems).toContain(name);
    const config = parseConfig({ ...valid, LIFECYCLE_WAKE_SCHEDULE: "*/30 * * * * *", AUDIT_CHECKPOINT_SCHEDULE: "0 15 0 * * MON-FRI" });
    expect([config.LIFECYCLE_WAKE_SCHEDULE, config.TRANSPARENCY_PUBLISH_SCHEDULE]).toEqual(["*/30 * * * * *", "0 0 4 * * *"]);
  });

  it("refuses every secret that is still an unresolved Key Vault reference (the app has no access yet), SMTP and Teams included", () => {
    const reference = "@Microsoft.KeyVault(SecretUri=https://vault.example/secrets/smtp-password)";
    let error: unknown;
    try {
      parseConfig({ ...valid, SMTP_USER: "relay", SMTP_PASSWORD: reference, TEAMS_TRANSPORT: "webhook", TEAMS_WEBHOOK_URL: reference });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of ["SMTP_PASSWORD", "TEAMS_WEBHOOK_URL"]) expect(problems).toMatch(new RegExp(`${name}: is an unresolved Key Vault reference`));
  });

  it("refuses in Azure a public base URL left at the local default or not https (mailed links to localhost, session cookies without Secure)", () => {
    expect(() => parseConfig({ ...valid, PUBLIC_BASE_URL: undefined })).toThrow(/PUBLIC_BASE_URL: .*https/);
    expect(() => parseConfig({ ...valid, PUBLIC_BASE_URL: "http://lrw.provider.example" })).toThrow(/PUBLIC_BASE_URL: .*https/);
    const { BLOB_SERVICE_URL: _url, ...local } = valid;
    expect(parseConfig({ ...local, BLOB_CONNECTION_STRING: "UseDevelopmentStorage=true", KEY_PROVIDER: "local", PUBLIC_BASE_URL: undefined }).PUBLIC_BASE_URL).toBe("http://localhost:7071");
  });

  it("needs SMTP_USER and SMTP_PASSWORD together (one alone sends every mail with a failing or no login)", () => {
    expect(() => parseConfig({ ...valid, SMTP_USER: "relay" })).toThrow(/SMTP_PASSWORD: /);
    expect(() => parseConfig({ ...valid, SMTP_PASSWORD: "secret" })).toThrow(/SMTP_USER: /);
    expect(parseConfig({ ...valid, SMTP_USER: "relay", SMTP_PASSWORD: "secret" }).SMTP_USER).toBe("relay");
  });

  it("R7: refuses in Azure a Cosmos DB key, SMTP without TLS and packages left mutable, each named with every other problem", () => {
    let error: unknown;
    try {
      parseConfig({ ...valid, COSMOS_KEY: "a-shared-key", SMTP_REQUIRE_TLS: "false", PACKAGE_IMMUTABILITY: "none", SMTP_PORT: "x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of ["COSMOS_KEY", "SMTP_REQUIRE_TLS", "PACKAGE_IMMUTABILITY", "SMTP_PORT"]) expect(problems).toMatch(new RegExp(`${name}: `));
    expect(problems).not.toContain("a-shared-key");
    expect(parseConfig({ ...valid, SMTP_REQUIRE_TLS: undefined, SMTP_SECURE: "true", SMTP_PORT: "465" }).SMTP_SECURE).toBe(true);
    expect(parseConfig({ ...valid, SMTP_REQUIRE_TLS: undefined, MAIL_TRANSPORT: "acs", ACS_EMAIL_ENDPOINT: "https://acs.example/" }).MAIL_TRANSPORT).toBe("acs");
    const { BLOB_SERVICE_URL: _url, ...local } = valid;
    const config = parseConfig({ ...local, BLOB_CONNECTION_STRING: "UseDevelopmentStorage=true", KEY_PROVIDER: "local", COSMOS_KEY: "emulator", SMTP_REQUIRE_TLS: "false", PACKAGE_IMMUTABILITY: "none" });
    expect([config.COSMOS_KEY, config.SMTP_REQUIRE_TLS, config.PACKAGE_IMMUTABILITY]).toEqual(["emulator", false, "none"]);
  });

  it("refuses in Azure to print the example contact (legal-requests@contoso.example) in customer notices: NOTICE_CONTACT_EMAIL must be set", () => {
    expect(() => parseConfig({ ...valid, NOTICE_CONTACT_EMAIL: undefined })).toThrow(/NOTICE_CONTACT_EMAIL: /);
    expect(() => parseConfig({ ...valid, NOTICE_CONTACT_EMAIL: "legal-requests@contoso.example" })).toThrow(/NOTICE_CONTACT_EMAIL: /);
    expect(parseConfig({ ...valid, NOTICE_CONTACT_EMAIL: "legal@provider.example" }).NOTICE_CONTACT_EMAIL).toBe("legal@provider.example");
    const { BLOB_SERVICE_URL: _url, ...local } = valid;
    expect(parseConfig({ ...local, BLOB_CONNECTION_STRING: "UseDevelopmentStorage=true", KEY_PROVIDER: "local", NOTICE_CONTACT_EMAIL: undefined }).NOTICE_CONTACT_EMAIL).toBe("legal-requests@contoso.example");
  });
});
