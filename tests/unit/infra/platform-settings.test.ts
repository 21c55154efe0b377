import { describe, expect, it } from "vitest";
import { allResources, blockLines, declaredParams, objectEntries, property, readInfra, readRepo } from "./bicep-text";

// Settings of the templates that Bicep's compiler cannot judge (issue 18): no shared keys or local auth, redundancy
// fit for legal records, the runtime version, Durable Functions on Flex as Microsoft recommends, the Durable Task
// Scheduler option, private networking, and Key Vault keys the templates cannot change after the first deployment.

const everything = allResources();
const ofType = (type: string) => everything.filter((r) => r.type === type);
const main = readInfra("main.bicep");
const functionApp = readInfra("modules/function-app.bicep");
const site = ofType("Microsoft.Web/sites")[0]?.body ?? "";
const settings = objectEntries(blockLines(functionApp, "var appSettings = {", "}"));
const dtsSettings = objectEntries(blockLines(functionApp, "var durableTaskSchedulerSettings = {", "}"));
const host = JSON.parse(readRepo("host.json")) as {
  extensionBundle: { version: string };
  extensions: { durableTask: { hubName: string; storageProvider: Record<string, unknown> } };
};

/** The allowed values of a main.bicep param, from its @allowed([...]) line. */
function allowedValues(param: string): string[] {
  const match = new RegExp(`^@allowed\\(\\[(.*)\\]\\)\\n(?:@.*\\n)*param ${param} `, "m").exec(main);
  return [...(match?.[1] ?? "").matchAll(/'([^']+)'/g)].map((m) => m[1] ?? "");
}

/** The default of a main.bicep param (the text after `=`). */
function defaultOf(param: string): string | undefined {
  return new RegExp(`^param ${param} \\w+ = (.+)$`, "m").exec(main)?.[1];
}

/** "hh:mm:ss" as seconds. */
function seconds(timeSpan: string): number {
  const [h = 0, m = 0, s = 0] = timeSpan.split(":").map(Number);
  return h * 3600 + m * 60 + s;
}

describe("no shared keys, no local auth", () => {
  it("turns shared-key access off on every storage account but the deployment script's own (private networking only)", () => {
    const accounts = ofType("Microsoft.Storage/storageAccounts").filter((r) => !r.body.includes("existing"));
    expect(accounts.length).toBeGreaterThanOrEqual(3);
    for (const account of accounts) {
      const exempt = account.file === "modules/secret-seed.bicep" && account.symbol === "scriptStorage";
      if (exempt) {
        // Deployment scripts need a key-reachable file share; this account is reachable from its subnet only.
        expect(account.body.split("\n")[0]).toContain("= if (privateNetworking) {");
        expect(property(account.body, "defaultAction", 6)).toBe("'Deny'");
        continue;
      }
      expect(property(account.body, "allowSharedKeyAccess", 4), `${account.file}: ${account.symbol}`).toBe("false");
      expect(property(account.body, "allowBlobPublicAccess", 4), `${account.file}: ${account.symbol}`).toBe("false");
    }
  });

  it("reaches Cosmos DB and Application Insights with Entra ID only", () => {
    const cosmos = ofType("Microsoft.DocumentDB/databaseAccounts").find((r) => r.file === "modules/cosmos.bicep");
    expect(property(cosmos?.body ?? "", "disableLocalAuth", 4)).toBe("true");
    const appInsights = ofType("Microsoft.Insights/components").find((r) => r.file === "modules/monitoring.bicep");
    expect(property(appInsights?.body ?? "", "DisableLocalAuth", 4), "Application Insights local (key) auth must be off").toBe("true");
  });

  it("authenticates the host's telemetry with Entra ID (the app identity holds Monitoring Metrics Publisher)", () => {
    expect(settings.get("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")).toBe("'Authorization=AAD'");
    expect(readInfra("modules/access.bicep")).toContain("// Role: Monitoring Metrics Publisher —");
  });

  it("uses the vault's RBAC, soft delete and purge protection", () => {
    const vault = ofType("Microsoft.KeyVault/vaults").find((r) => r.file === "modules/key-vault.bicep")?.body ?? "";
    expect(property(vault, "enableRbacAuthorization", 4)).toBe("true");
    expect(property(vault, "enablePurgeProtection", 4)).toBe("true");
  });

  it("sets no identity selector, so the app's code and Key Vault references use the system-assigned identity", () => {
    for (const name of ["AZURE_CLIENT_ID", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage"]) expect(settings.has(name), name).toBe(false);
    expect(site).not.toContain("keyVaultReferenceIdentity");
  });
});

describe("storage fit for legal records", () => {
  it("offers only zone- or geo-redundant SKUs and defaults to one", () => {
    const allowed = allowedValues("storageSku");
    expect(allowed.length).toBeGreaterThan(0);
    for (const sku of allowed) expect(sku).toMatch(/^Standard_(RA)?G?ZRS$|^Standard_(RA)?GRS$/);
    expect(allowed).toContain(/'(.+)'/.exec(defaultOf("storageSku") ?? "")?.[1]);
  });

  it("gives both app storage accounts that SKU", () => {
    for (const file of ["modules/storage.bicep", "modules/host-storage.bicep"]) {
      const account = ofType("Microsoft.Storage/storageAccounts").find((r) => r.file === file);
      expect(property(account?.body ?? "", "sku"), file).toBe("{ name: skuName }");
      expect(main).toMatch(new RegExp(`module \\w+ '${file}' = \\{[\\s\\S]*?\\n {4}skuName: storageSku\\n`));
    }
  });
});

describe("the Function App", () => {
  it("runs Node 22 (Node 20 is past end of life)", () => {
    expect(site).toContain("runtime: { name: 'node', version: '22' }");
  });

  it("keeps one always-ready instance for the durable group (Microsoft's advice for Durable Functions on Flex)", () => {
    expect(site).toMatch(/alwaysReady: \[\n\s+\{ name: 'durable', instanceCount: [1-9] \}\n\s+\]/);
  });

  it("polls the Durable queues at most every 10 seconds", () => {
    const interval = host.extensions.durableTask.storageProvider.maxQueuePollingInterval;
    expect(typeof interval, "host.json: storageProvider.maxQueuePollingInterval").toBe("string");
    expect(seconds(String(interval))).toBeGreaterThan(0);
    expect(seconds(String(interval))).toBeLessThanOrEqual(10);
  });

  it("reads its deployment package with an identity other than the app's own", () => {
    expect(site).toMatch(/authentication: \{\n\s+type: 'UserAssignedIdentity'\n\s+userAssignedIdentityResourceId: deploymentIdentity\.id/);
    expect(main).toMatch(/deploymentContainerUrl: storage\.outputs\.deploymentContainerUrl/);
    expect(main).toMatch(/hostStorageAccountName: hostStorage\.outputs\.name/);
  });
});

describe("Durable Task Scheduler, offered as the storage provider", () => {
  it("is a parameter offering both providers", () => {
    expect(allowedValues("durableStorageProvider").sort()).toEqual(["azureStorage", "durableTaskScheduler"]);
    expect(declaredParams(main).some((p) => p.name === "durableStorageProvider" && !p.required)).toBe(true);
  });

  it("deploys a scheduler and the app's task hub, named as host.json's hub", () => {
    const taskHub = ofType("Microsoft.DurableTask/schedulers/taskHubs").find((r) => r.file === "modules/durable-task-scheduler.bicep");
    expect(taskHub?.body).toContain("name: taskHubName");
    expect(main).toMatch(/module durableTaskScheduler 'modules\/durable-task-scheduler\.bicep' = if \(useDurableTaskScheduler\)/);
    expect(main).toMatch(/taskHubName: durableTaskHub\n/);
    expect(host.extensions.durableTask.hubName).toBe("%DURABLE_TASK_HUB%");
    const scheduler = ofType("Microsoft.DurableTask/schedulers").find((r) => r.file === "modules/durable-task-scheduler.bicep");
    // An empty allow-list denies every caller, roles or not.
    expect(scheduler?.body).toMatch(/ipAllowlist: \['[^']+'/);
  });

  it("switches host.json's provider through app settings, with the managed identity", () => {
    expect(host.extensions.durableTask.storageProvider.type).toBe("AzureStorage");
    expect(dtsSettings.get("AzureFunctionsJobHost__extensions__durableTask__storageProvider__type")).toBe("'azureManaged'");
    expect(dtsSettings.get("AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName")).toBe("'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'");
    expect(dtsSettings.get("DURABLE_TASK_SCHEDULER_CONNECTION_STRING")).toBe("'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity'");
    expect(functionApp).toContain("properties: empty(durableTaskSchedulerEndpoint) ? appSettings : union(appSettings, durableTaskSchedulerSettings)");
  });

  it("uses an extension bundle that has the azureManaged provider (4.32.0 or later)", () => {
    const [, major = "0", minor = "0"] = /^\[(\d+)\.(\d+)\.\d+,/.exec(host.extensionBundle.version) ?? [];
    expect(Number(major) * 1000 + Number(minor)).toBeGreaterThanOrEqual(4032);
  });
});

describe("private networking (a parameter, off by default)", () => {
  it("is off by default", () => {
    expect(defaultOf("privateNetworking")).toBe("false");
  });

  it("integrates the app with a subnet delegated to Microsoft.App/environments", () => {
    expect(site).toContain("virtualNetworkSubnetId: empty(appSubnetId) ? null : appSubnetId");
    expect(readInfra("modules/network.bicep")).toContain("serviceName: 'Microsoft.App/environments'");
  });

  it("puts private endpoints in front of Storage (both accounts), Cosmos DB and Key Vault", () => {
    const endpoints = blockLines(readInfra("modules/private-endpoints.bicep"), "var endpoints = [", "]").map(
      (line) => /target: (\w+), group: '(\w+)'/.exec(line)?.slice(1).join(":") ?? line,
    );
    expect(endpoints.sort()).toEqual(["cosmosAccountId:Sql", "dataStorageId:blob", "hostStorageId:blob", "hostStorageId:queue", "hostStorageId:table", "vaultId:vault"]);
  });

  it("closes the public endpoint of every data service when it is on", () => {
    for (const file of ["modules/storage.bicep", "modules/host-storage.bicep", "modules/cosmos.bicep", "modules/key-vault.bicep"]) {
      expect(readInfra(file), file).toContain("publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'");
    }
  });
});

describe("Key Vault keys the templates cannot change after the first deployment", () => {
  const keys = ofType("Microsoft.KeyVault/vaults/keys").filter((r) => r.file === "modules/key-vault.bicep");

  it("are fixed in the template: no parameter feeds their properties, no expiry or not-before date", () => {
    expect(keys.map((k) => k.symbol).sort()).toEqual(["packageKek", "signingKey"]);
    const params = declaredParams(readInfra("modules/key-vault.bicep")).map((p) => p.name);
    for (const key of keys) {
      const properties = key.body.slice(key.body.indexOf("properties:"));
      for (const param of params) expect(properties, `${key.symbol} must not take ${param}`).not.toMatch(new RegExp(`\\b${param}\\b`));
      expect(properties, `${key.symbol}: expiry is an operator command (docs/deploy.md), not a template value`).not.toMatch(/\b(exp|nbf|expiryTime)\b/);
      expect(properties).toContain("exportable: false");
    }
  });

  it("are rotated and extended by a named operator role, with the commands in docs/deploy.md", () => {
    const docs = readRepo("docs/deploy.md");
    expect(docs).toContain("az keyvault key rotate");
    expect(docs).toContain("az keyvault key set-attributes");
    expect(docs).toContain("az keyvault key rotation-policy update");
    expect(docs).toContain("Key Vault Crypto Officer");
  });
});

describe("records written once stay written", () => {
  const storage = readInfra("modules/storage.bicep");
  const containers = blockLines(storage, "var blobContainers = [", "]").join("\n");

  it("R12: keeps every signed audit checkpoint immutable under a retention policy, as sealed packages are kept (the app only creates them, If-None-Match: *)", () => {
    // Container-level: version-level immutability can be turned on only when a container is created (existing deployments).
    expect(containers).toMatch(/\{ name: 'audit-checkpoints', versionImmutability: false \}/);
    const policy = ofType("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies").find((r) => r.file === "modules/storage.bicep");
    expect(policy, "a time-based retention policy on audit-checkpoints").toBeDefined();
    const body = policy?.body ?? "";
    expect(property(body, "parent")).toBe("auditCheckpointsContainer");
    expect(property(body, "allowProtectedAppendWrites", 4)).toBe("false");
    expect(Number(property(body, "immutabilityPeriodSinceCreationInDays", 4))).toBeGreaterThanOrEqual(365);
    // What makes the policy safe for the app: a checkpoint is created once and never replaced or deleted.
    const store = readRepo("shared/adapters/blob/blob-checkpoint-store.ts");
    expect(store).toContain('conditions: { ifNoneMatch: "*" }');
    expect(store).not.toMatch(/\.delete(IfExists)?\(/);
  });
});
