import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../shared/config/app-config";

const valid = {
  COSMOS_ENDPOINT: "https://cosmos.example:443/",
  BLOB_SERVICE_URL: "https://blobs.example/",
  PROVIDER_LEGAL_NAMES: "Contoso Cloud Services LLC, Contoso",
};

describe("parseConfig", () => {
  it("parses a minimal Azure configuration with defaults", () => {
    const config = parseConfig(valid);
    expect(config.PROVIDER_LEGAL_NAMES).toEqual(["Contoso Cloud Services LLC", "Contoso"]);
    expect(config.PROVISION_LOCAL_RESOURCES).toBe(false);
    expect(config.POLICY_MAX_ACCOUNTS).toBe(25);
    expect(config.DATA_ACCESS_AGREEMENTS).toEqual([]);
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

  it("needs one way to reach Blob storage", () => {
    const { BLOB_SERVICE_URL: _unused, ...rest } = valid;
    expect(() => parseConfig(rest)).toThrow(/BLOB_SERVICE_URL/);
    expect(parseConfig({ ...rest, BLOB_CONNECTION_STRING: "UseDevelopmentStorage=true" }).BLOB_CONNECTION_STRING).toBe("UseDevelopmentStorage=true");
  });
});
