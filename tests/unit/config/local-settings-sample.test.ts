import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppConfigSchema, parseConfig } from "../../../shared/config/app-config";

const sample = JSON.parse(readFileSync(path.join(__dirname, "../../../local.settings.sample.json"), "utf8")) as {
  Values: Record<string, string>;
  Comments: Record<string, string>;
};

describe("local.settings.sample.json", () => {
  it("documents every setting the app reads, each with a comment", () => {
    const read = Object.keys(AppConfigSchema.shape);
    expect(read).toContain("COSMOS_ENDPOINT");
    for (const name of read) {
      expect(sample.Values, `${name} missing from Values`).toHaveProperty(name);
    }
    expect(Object.keys(sample.Comments).sort()).toEqual(Object.keys(sample.Values).sort());
  });

  it("parses as a valid local configuration", () => {
    const values = { ...Object.fromEntries(Object.entries(sample.Values).filter(([, v]) => v !== "")), REVIEW_TOKEN_KEY: Buffer.alloc(32, 7).toString("base64"), STAFF_SESSION_KEY: Buffer.alloc(32, 8).toString("base64") };
    expect(parseConfig(values).PROVISION_LOCAL_RESOURCES).toBe(true);
  });

  it("holds placeholders for the keys, which the app refuses, never a working key everyone knows", () => {
    const values = Object.fromEntries(Object.entries(sample.Values).filter(([, v]) => v !== ""));
    let problems = "";
    try {
      parseConfig(values);
    } catch (error) {
      problems = (error as Error).message;
    }
    for (const name of ["REVIEW_TOKEN_KEY", "STAFF_SESSION_KEY"]) expect(problems, name).toContain(`${name}:`);
  });
});
