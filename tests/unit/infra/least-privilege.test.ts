import { describe, expect, it } from "vitest";
import { allResources, arrayStrings, blockLines, literal, objectEntries, property, resources, type BicepResource } from "./bicep-text";

// Least privilege, per resource (issue 18): every role assignment in infra/ is listed below with its principal and
// its scope, and nothing else may be granted. A broader role, a wider scope or an extra principal fails here.

/** Built-in role definition ids infra may grant, by name. */
const BUILT_IN_ROLES: Record<string, string> = {
  "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": "Storage Blob Data Owner",
  "ba92f5b4-2d11-453d-a403-e96b0029c9fe": "Storage Blob Data Contributor",
  "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": "Storage Blob Data Reader",
  "974c5e8b-45b9-4653-ba55-5f855dd0fb88": "Storage Queue Data Contributor",
  "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3": "Storage Table Data Contributor",
  "69566ab7-960f-475b-8e7c-b3118f30c6bd": "Storage File Data Privileged Contributor",
  "e147488a-f6f5-4113-8e2d-b22465e65bf6": "Key Vault Crypto Service Encryption User",
  "14b46e9e-c2b7-41b4-b07b-48a6ebf60603": "Key Vault Crypto Officer",
  "4633458b-17de-408a-b874-0445c86b69e6": "Key Vault Secrets User",
  "b86a8fe4-44ce-4948-aee5-eccb2c155cd7": "Key Vault Secrets Officer",
  "3913510d-42f4-4e42-8a64-420c390055eb": "Monitoring Metrics Publisher",
  "0ad04412-c4d5-4796-b79c-f76d14c8d402": "Durable Task Data Contributor",
  "00000000-0000-0000-0000-000000000002": "Cosmos DB Built-in Data Contributor",
};

/** Custom roles infra defines (by the start of their roleName) and exactly the permissions each may hold. */
const CUSTOM_ROLES: Record<string, { actions: string[]; dataActions: string[] }> = {
  "LRW Key Vault key signer": {
    actions: [],
    dataActions: ["Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/sign/action", "Microsoft.KeyVault/vaults/keys/verify/action"],
  },
  // Microsoft's documented set for sending ACS Email with an Entra identity (not Communication and Email Service Owner).
  "LRW ACS email sender": {
    actions: ["Microsoft.Communication/CommunicationServices/Read", "Microsoft.Communication/CommunicationServices/Write", "Microsoft.Communication/EmailServices/write"],
    dataActions: [],
  },
  "LRW Key Vault secret seeder": {
    actions: [],
    dataActions: ["Microsoft.KeyVault/vaults/secrets/readMetadata/action", "Microsoft.KeyVault/vaults/secrets/setSecret/action"],
  },
};

/** Every grant allowed: "principal | role | scope" (scope: the symbol and type of the resource it is assigned on). */
const ALLOWED_GRANTS = [
  // The app's system-assigned identity.
  "appPrincipalId | Storage Blob Data Owner | hostStorage (Microsoft.Storage/storageAccounts)",
  "appPrincipalId | Storage Queue Data Contributor | hostStorage (Microsoft.Storage/storageAccounts)",
  "appPrincipalId | Storage Table Data Contributor | hostStorage (Microsoft.Storage/storageAccounts)",
  "appPrincipalId | Storage Blob Data Contributor | documents (container)",
  "appPrincipalId | Storage Blob Data Owner | packages (container)",
  "appPrincipalId | Storage Blob Data Contributor | audit-checkpoints (container)",
  "appPrincipalId | Storage Blob Data Contributor | transparency-reports (container)",
  "appPrincipalId | Storage Blob Data Reader | customer-data (container)",
  "appPrincipalId | Key Vault Crypto Service Encryption User | packageKek (Microsoft.KeyVault/vaults/keys)",
  "appPrincipalId | LRW Key Vault key signer | signingKey (Microsoft.KeyVault/vaults/keys)",
  "appPrincipalId | Key Vault Secrets User | vault (Microsoft.KeyVault/vaults)",
  "appPrincipalId | Monitoring Metrics Publisher | applicationInsights (Microsoft.Insights/components)",
  "appPrincipalId | LRW ACS email sender | communicationService (Microsoft.Communication/communicationServices)",
  "appPrincipalId | Durable Task Data Contributor | durableTaskHub (Microsoft.DurableTask/schedulers/taskHubs)",
  "appPrincipalId | Cosmos DB Built-in Data Contributor | cosmos (Microsoft.DocumentDB/databaseAccounts)",
  // The identity the platform uses for the deployment package, and nothing else.
  "deploymentPrincipalId | Storage Blob Data Contributor | ${deploymentContainerName} (container)",
  // The operator who runs azd: secrets, and rotation/expiry of each key.
  "operatorPrincipalId | Key Vault Secrets Officer | vault (Microsoft.KeyVault/vaults)",
  "operatorPrincipalId | Key Vault Crypto Officer | packageKek (Microsoft.KeyVault/vaults/keys)",
  "operatorPrincipalId | Key Vault Crypto Officer | signingKey (Microsoft.KeyVault/vaults/keys)",
  // The secret-seeding deployment script's identity.
  "seeder | LRW Key Vault secret seeder | vault (Microsoft.KeyVault/vaults)",
  "seeder | Storage File Data Privileged Contributor | scriptStorage (Microsoft.Storage/storageAccounts)",
];

const ASSIGNMENT_TYPES = ["Microsoft.Authorization/roleAssignments", "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"];
const everything = allResources();
const assignments = everything.filter((r) => ASSIGNMENT_TYPES.includes(r.type));
const customRoles = everything.filter((r) => r.type === "Microsoft.Authorization/roleDefinitions");

/** The GUID a role reference (`roles.name` or a bare var) stands for in a Bicep text. */
function builtInRoleId(text: string, roleRef: string): string {
  const [head = "", key] = roleRef.split(".");
  if (key === undefined) return new RegExp(`^var ${head} = '([0-9a-f-]{36})'`, "m").exec(text)?.[1] ?? "";
  return literal(objectEntries(blockLines(text, `var ${head} = {`, "}")).get(key) ?? "") ?? "";
}

/** The role an assignment grants, by name: a built-in role's, or a custom role's roleName up to its " (" suffix. */
function roleNameOf(a: BicepResource & { text: string }): string {
  const roleRef = /^ {2}name: guid\([\w.]+, [\w.]+, ([\w.]+)\)$/m.exec(a.body)?.[1] ?? "";
  // A custom role is referenced by its resource's name (a GUID), as subscriptionResourceId(..., role.name).
  const custom = roleRef.endsWith(".name") ? resources(a.text).find((r) => r.symbol === roleRef.slice(0, -5)) : undefined;
  if (custom !== undefined) return /roleName: '([^'(]+?) \(/.exec(custom.body)?.[1] ?? `custom role ${custom.symbol} without a roleName`;
  const id = builtInRoleId(a.text, roleRef);
  return BUILT_IN_ROLES[id] ?? `unknown role ${roleRef}=${id}`;
}

/** "symbol (type)", or "name (container)" for a blob container, of the resource an assignment is scoped to. */
function scopeOf(a: BicepResource & { file: string; text: string }): string {
  const symbol = property(a.body, a.type === ASSIGNMENT_TYPES[1] ? "parent" : "scope");
  if (symbol === undefined) return "the resource group (no scope)";
  const target = resources(a.text).find((r) => r.symbol === symbol);
  if (target === undefined) return `${symbol} (not declared in ${a.file})`;
  if (target.type === "Microsoft.Storage/storageAccounts/blobServices/containers") {
    return `${/\/default\/([^']+)'$/m.exec(target.body)?.[1] ?? symbol} (container)`;
  }
  return `${symbol} (${target.type})`;
}

/** The principal an assignment grants to: a param name, or the identity resource's symbol. */
function principalOf(a: BicepResource): string {
  const value = property(a.body, "principalId", 4) ?? "";
  return /^(\w+)\.properties\.principalId$/.exec(value)?.[1] ?? value;
}

describe("infra/ role assignments: least privilege per resource", () => {
  it("grants exactly the listed roles, each to the listed principal on the listed resource", () => {
    expect(assignments.length).toBeGreaterThan(15);
    const grants = assignments.map((a) => `${principalOf(a)} | ${roleNameOf(a)} | ${scopeOf(a)}`);
    const extra = grants.filter((g) => !ALLOWED_GRANTS.includes(g));
    expect(extra, `grants not on the least-privilege list: ${extra.join("; ")}`).toEqual([]);
    expect([...grants].sort()).toEqual([...ALLOWED_GRANTS].sort());
  });

  it("defines only the listed custom roles, each with exactly its listed permissions and no wildcard", () => {
    expect(customRoles.map((r) => /roleName: '([^'(]+?) \(/.exec(r.body)?.[1]).sort()).toEqual(Object.keys(CUSTOM_ROLES).sort());
    for (const role of customRoles) {
      const name = /roleName: '([^'(]+?) \(/.exec(role.body)?.[1] ?? "";
      const expected = CUSTOM_ROLES[name];
      expect(arrayStrings(role.body, "actions"), `${name}: actions`).toEqual(expected?.actions);
      expect(arrayStrings(role.body, "dataActions"), `${name}: dataActions`).toEqual(expected?.dataActions);
      expect(role.body, `${name}: no wildcard permission`).not.toMatch(/'[^']*\*[^']*'/);
      // Assignable only in this deployment's resource group, and named per resource group so two deployments in one
      // tenant never collide on a role name.
      expect(role.body).toContain("assignableScopes: [resourceGroup().id]");
      expect(role.body).toMatch(/roleName: '[^']+\(\$\{uniqueString\(resourceGroup\(\)\.id\)\}\)'/);
    }
  });

  it("names each assignment guid(scope, principal, role) and says which role in a comment", () => {
    for (const a of assignments) {
      const where = `${a.file}: ${a.symbol}`;
      const name = /^ {2}name: guid\((\w+)\.id, ([\w.]+), ([\w.]+)\)$/m.exec(a.body);
      expect(name, `${where} is not named guid(scope.id, principal, roleDefinitionId)`).not.toBeNull();
      const [, scope = "", principal = "", roleRef = ""] = name ?? [];
      expect(property(a.body, a.type === ASSIGNMENT_TYPES[1] ? "parent" : "scope"), `${where}: guid's first argument must be the scope`).toBe(scope);
      const principalSymbol = principal.replace(/\.id$/, "");
      expect(principalOf(a), `${where}: guid's principal must be the one assigned`).toBe(principalSymbol);
      expect(a.body, `${where}: guid's role must be the one assigned`).toMatch(new RegExp(`roleDefinitionId: .*${roleRef.replace(".", "\\.")}`));
      expect(a.comments.join("\n"), `${where} needs a "// Role: ${roleNameOf(a)} —" comment`).toContain(`// Role: ${roleNameOf(a)} —`);
    }
  });

  it("never grants the broad roles the issue names (Crypto User, Communication and Email Service Owner, Owner, Contributor)", () => {
    const all = everything.map((r) => r.text).join("\n");
    for (const id of [
      "12338af0-0e69-4776-bea7-57ae8d297424", // Key Vault Crypto User: includes keys/update (disable, expire)
      "09976791-48a7-449e-bb21-39d1a415f350", // Communication and Email Service Owner
      "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", // Owner
      "b24988ac-6180-42a0-ab88-20f7382dd24c", // Contributor
      "00482a5a-887f-4fb3-b363-3b7fe8e74483", // Key Vault Administrator
      "17d1049b-9a84-46fb-8f53-869881c3d3ab", // Storage Account Contributor
    ]) {
      expect(all, `role ${id} must not appear in infra/`).not.toContain(id);
    }
  });
});
