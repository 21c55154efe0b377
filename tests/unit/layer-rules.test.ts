import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer rules of eslint.config.mjs, shown to fail on the imports they exist to refuse (and to pass the allowed ones).
const root = path.resolve(__dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function refused(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message.split("'")[1] ?? m.message);
}

describe("layer rules (lint)", () => {
  it("shared/domain imports only zod and the domain", async () => {
    const source = [
      'import { z } from "zod";',
      'import type { Target } from "./demand";',
      'import { readFileSync } from "node:fs";',
      'import { CosmosClient } from "@azure/cosmos";',
      'import * as df from "durable-functions";',
      'import type { Clock } from "../ports/clock";',
      'import type { A } from "../adapters/cosmos/cosmos-demand-store";',
      'import type { B } from "../review/review-decision";',
      'import type { C } from "../http/problem-status";',
      'import type { D } from "../staff/x";',
      'import type { E } from "../composition/services";',
      "export const x = [z, readFileSync, CosmosClient, df] as unknown as Target | Clock | A | B | C | D | E;",
    ].join("\n");
    expect(await refused("shared/domain/probe.ts", source)).toEqual([
      "node:fs",
      "@azure/cosmos",
      "durable-functions",
      "../ports/clock",
      "../adapters/cosmos/cosmos-demand-store",
      "../review/review-decision",
      "../http/problem-status",
      "../staff/x",
      "../composition/services",
    ]);
  });

  it("nothing in shared/ imports functions/, activities/ or orchestrations/", async () => {
    const source = [
      'import { a } from "../../functions/handlers/with-problems";',
      'import { b } from "../../activities/disclose";',
      'import { c } from "../../orchestrations/demand-lifecycle";',
      'import { app } from "@azure/functions";',
      "export const x = [a, b, c, app];",
    ].join("\n");
    expect(await refused("shared/use-cases/probe.ts", source)).toEqual(["../../functions/handlers/with-problems", "../../activities/disclose", "../../orchestrations/demand-lifecycle"]);
  });

  it("orchestrators import only shared/domain and durable-functions", async () => {
    const source = [
      'import * as df from "durable-functions";',
      'import type { Outcome } from "../../shared/domain/enums";',
      'import type { L } from "./lifecycle-activities";',
      'import { z } from "zod";',
      'import { getServices } from "../../shared/composition/services";',
      'import { disclose } from "../../activities/disclose";',
      'import type { R } from "../../shared/review/review-decision";',
      "export const x = [df, z, getServices, disclose] as unknown as Outcome | L | R;",
    ].join("\n");
    expect(await refused("orchestrations/lifecycle/probe.ts", source)).toEqual(["zod", "../../shared/composition/services", "../../activities/disclose", "../../shared/review/review-decision"]);
  });
});
