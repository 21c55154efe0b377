import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { INFRA_DIR, allResources, blockLines, declaredParams, objectEntries, readInfra, readRepo } from "./bicep-text";

// `azd up` must succeed on the first try with no secret from the operator (issue 18). azd resolves the Bicep
// parameters before any provision hook runs, so no parameter may rely on a hook; and a key generated on one machine
// must never be regenerated from another, so generated keys live only in Key Vault and are created only when absent.

interface AzureYaml {
  requiredVersions?: { azd?: string };
  hooks?: Record<string, unknown>;
  services: Record<string, { remoteBuild?: boolean; dist?: string; hooks?: Record<string, unknown> }>;
}

const azureYaml = parse(readRepo("azure.yaml")) as AzureYaml;
const main = readInfra("main.bicep");
const parametersFile = JSON.parse(readInfra("main.parameters.json")) as { parameters: Record<string, { value: string }> };
const functionApp = readInfra("modules/function-app.bicep");
// The seeding script without its comments: only commands count.
const seedScript = readInfra("scripts/seed-secrets.sh")
  .split("\n")
  .filter((line) => !line.trim().startsWith("#"))
  .join("\n");

/** The names of main.bicep's params declared @secure(). */
function secureParams(text: string): string[] {
  return [...text.matchAll(/^@secure\(\)\n(?:@.*\n)*param (\w+) /gm)].map((m) => m[1] ?? "");
}

/** The secret names the function app references through Key Vault. */
function referencedSecrets(): string[] {
  return [...functionApp.matchAll(/SecretUri=\$\{secretUri\}\/([a-z-]+)\)/g)].map((m) => m[1] ?? "");
}

/** The secrets main.bicep has the deployment generate. */
function generatedSecrets(): string[] {
  const line = /^var generatedSecretNames = \[(.*)\]$/m.exec(main)?.[1] ?? "";
  return [...line.matchAll(/'([a-z-]+)'/g)].map((m) => m[1] ?? "");
}

describe("azure.yaml", () => {
  it("pins a minimum azd version that knows `remoteBuild` and reads .funcignore negations correctly", () => {
    const range = azureYaml.requiredVersions?.azd ?? "";
    const [, major = "0", minor = "0", patch = "0"] = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(range) ?? [];
    expect(range, "requiredVersions.azd must be a '>= x.y.z' range").toMatch(/^>=\s*\d+\.\d+\.\d+$/);
    expect(Number(major) * 1e6 + Number(minor) * 1e3 + Number(patch)).toBeGreaterThanOrEqual(1_023_013);
  });

  it("states remoteBuild explicitly, so what is built does not depend on the azd version", () => {
    expect(typeof azureYaml.services.api?.remoteBuild).toBe("boolean");
  });

  it("has no provision hook: nothing may fill a parameter (azd prompts for parameters before hooks run)", () => {
    const projectHooks = Object.keys(azureYaml.hooks ?? {});
    const serviceHooks = Object.values(azureYaml.services).flatMap((s) => Object.keys(s.hooks ?? {}));
    expect([...projectHooks, ...serviceHooks].filter((h) => /provision|^preup|^postup/.test(h))).toEqual([]);
    expect(existsSync(path.join(INFRA_DIR, "hooks/ensure-review-token-key.mjs"))).toBe(false);
  });
});

describe("main.bicep parameters on a first run", () => {
  it("asks no secret of the operator: no @secure() parameter, none named like a key, secret, password or token", () => {
    expect(secureParams(main)).toEqual([]);
    const secretLike = declaredParams(main).filter((p) => /key|secret|password|token|webhook/i.test(p.name));
    expect(secretLike.map((p) => p.name)).toEqual([]);
  });

  it("takes every parameter from main.parameters.json as a plain azd environment value, and no key", () => {
    for (const [name, { value }] of Object.entries(parametersFile.parameters)) {
      expect(value, `${name} must come from one azd environment value`).toMatch(/^\$\{[A-Z0-9_]+(=[^}]*)?\}$/);
      expect(value, `${name}`).not.toMatch(/KEY|SECRET|PASSWORD|TOKEN|WEBHOOK/);
    }
  });

  it("documents every required parameter's azd value in docs/deploy.md", () => {
    const docs = readRepo("docs/deploy.md");
    const required = declaredParams(main).filter((p) => p.required && !["environmentName", "location"].includes(p.name));
    expect(required.length).toBeGreaterThan(0);
    for (const { name } of required) {
      const envName = /^\$\{([A-Z0-9_]+)/.exec(parametersFile.parameters[name]?.value ?? "")?.[1] ?? `(${name} has no azd value)`;
      expect(docs, `docs/deploy.md must tell the operator to set ${envName}`).toContain(`azd env set ${envName} `);
    }
  });
});

describe("generated keys: made once in Key Vault, never in the azd environment, never replaced", () => {
  it("generates the app's own keys (review links, staff sessions) in the deployment, and the app references them", () => {
    expect(generatedSecrets().sort()).toEqual(["review-token-key", "staff-session-key"]);
    for (const name of generatedSecrets()) expect(referencedSecrets()).toContain(name);
  });

  it("puts no secret value in any template (a secret resource would write a new version on every deployment)", () => {
    const secretResources = allResources().filter((r) => r.type === "Microsoft.KeyVault/vaults/secrets");
    expect(secretResources.map((r) => `${r.file}: ${r.symbol}`)).toEqual([]);
  });

  it("runs a script that lists names before it sets, sets only absent names, and never prints or reads a value", () => {
    const seed = allResources().find((r) => r.type === "Microsoft.Resources/deploymentScripts");
    expect(seed?.body).toContain("scriptContent: loadTextContent('../scripts/seed-secrets.sh')");
    expect(seed?.body, "the script must run on every provision").toMatch(/forceUpdateTag: runTag/);
    expect(readInfra("modules/secret-seed.bicep")).toMatch(/^param runTag string = utcNow\(\)$/m);
    const listAt = seedScript.indexOf("az keyvault secret list");
    const setAt = seedScript.indexOf("az keyvault secret set");
    expect(listAt).toBeGreaterThan(-1);
    expect(setAt).toBeGreaterThan(listAt);
    // Between the two: a name already present is kept (continue), so only absent names reach `set`.
    expect(seedScript.slice(listAt, setAt)).toMatch(/grep -q "\/secrets\/\$name\\\$" [^\n]*\n[^\n]*\n\s*continue/);
    expect(seedScript).toMatch(/az keyvault secret set [^\n]*\\\n[^\n]*--output none/);
    expect(seedScript, "no command may read a secret value").not.toMatch(/secret (show|download)|getSecret/);
    expect(seedScript, "no shell tracing (it would print the value)").not.toMatch(/set -[a-z]*x|set -o xtrace/);
    expect(seedScript).toMatch(/^set -eu$/m);
    expect(seedScript).toContain("secrets.token_bytes(32)");
  });

  it("keeps the generated keys out of the azd environment: no parameter or output carries them", () => {
    expect(JSON.stringify(parametersFile)).not.toMatch(/REVIEW_TOKEN_KEY|STAFF_SESSION_KEY/);
    expect(main).not.toMatch(/^output \w+ .*(Key|Secret)Uri/m);
    expect(main).not.toMatch(/reviewTokenKey|staffSessionKey/);
  });

  it("references each secret the app reads without a version, so a rotated secret is followed", () => {
    const settings = objectEntries(blockLines(functionApp, "var appSettings = {", "}"));
    const references = [...settings.values()].filter((v) => v.endsWith("Reference"));
    expect(references.length).toBe(5);
    for (const ref of referencedSecrets()) expect(ref).toMatch(/^[a-z-]+$/);
  });

  it("documents how the operator sets every secret the deployment does not generate", () => {
    const docs = readRepo("docs/deploy.md");
    for (const name of referencedSecrets().filter((n) => !generatedSecrets().includes(n))) {
      expect(docs, `docs/deploy.md must show: az keyvault secret set ... --name ${name}`).toMatch(new RegExp(`az keyvault secret set [^\\n]*(\\\\\\n[^\\n]*)?--name ${name}\\b`));
    }
  });
});
