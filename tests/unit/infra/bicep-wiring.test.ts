import path from "node:path";
import { describe, expect, it } from "vitest";
import { declaredParams, listBicepFiles, readInfra } from "./bicep-text";

// The Bicep CLI cannot be installed here, so these checks stand in for its parameter and output checking.

const main = readInfra("main.bicep");

interface ModuleUse {
  symbol: string;
  file: string;
  passed: string[];
}

/** Every `module x 'modules/y.bicep'` in main.bicep with the params it passes. */
function moduleUses(): ModuleUse[] {
  const lines = main.split("\n");
  return [...main.matchAll(/^module (\w+) '([^']+)'/gm)].map((m) => {
    const start = lines.findIndex((line) => line.startsWith(`module ${m[1]} `));
    const opener = lines.findIndex((line, i) => i > start && line === "  params: {");
    const closer = lines.findIndex((line, i) => i > opener && line === "  }");
    const passed = lines
      .slice(opener + 1, closer)
      .filter((line) => line.trim() !== "")
      .map((line) => {
        const entry = /^ {4}(\w+): /.exec(line);
        if (entry === null) throw new Error(`module ${m[1]}: not a one-line param: ${line}`);
        return entry[1] ?? "";
      });
    return { symbol: m[1] ?? "", file: m[2] ?? "", passed };
  });
}

describe("infra/main.bicep wiring", () => {
  const uses = moduleUses();

  it("uses every module under infra/modules", () => {
    const modules = listBicepFiles().filter((f) => f.startsWith("modules"));
    expect(uses.map((u) => u.file).sort()).toEqual(modules.map((f) => f.split(path.sep).join("/")).sort());
  });

  it("passes each module exactly the params it declares, and all it requires", () => {
    for (const use of uses) {
      const declared = declaredParams(readInfra(use.file));
      const unknown = use.passed.filter((name) => !declared.some((p) => p.name === name));
      const missing = declared.filter((p) => p.required && !use.passed.includes(p.name)).map((p) => p.name);
      expect(unknown, `${use.symbol} passes undeclared params`).toEqual([]);
      expect(missing, `${use.symbol} misses required params`).toEqual([]);
    }
  });

  it("reads only outputs the modules declare", () => {
    for (const [, symbol = "", output = ""] of main.matchAll(/(\w+)\.outputs\.(\w+)/g)) {
      const use = uses.find((u) => u.symbol === symbol);
      expect(use, `${symbol} is not a module`).toBeDefined();
      expect(readInfra(use?.file ?? ""), `${symbol}.outputs.${output}`).toMatch(new RegExp(`^output ${output} `, "m"));
    }
  });

  it("reads a conditional module's outputs only under its own condition (a module not deployed has no outputs)", () => {
    const conditional = [...main.matchAll(/^module (\w+) '[^']+' = if \((\w+)\) \{$/gm)].map((m) => ({ symbol: m[1] ?? "", condition: m[2] ?? "" }));
    expect(conditional.map((c) => c.symbol).sort()).toEqual(["communication", "durableTaskScheduler", "network", "privateEndpoints"]);
    for (const { symbol, condition } of conditional) {
      for (const line of main.split("\n").filter((l) => l.includes(`${symbol}.outputs.`))) {
        expect(line, `${symbol}.outputs is read outside "${condition} ? ..."`).toMatch(new RegExp(`\\b${condition}\\b.*\\?.*${symbol}\\.outputs\\.`));
      }
    }
  });

  it("uses every param it declares, in every file", () => {
    for (const file of listBicepFiles()) {
      const text = readInfra(file);
      for (const { name } of declaredParams(text)) {
        expect(text.match(new RegExp(`\\b${name}\\b`, "g"))?.length ?? 0, `${file}: param ${name} is unused`).toBeGreaterThan(1);
      }
    }
  });

  it("gets every required param from main.parameters.json, which names no unknown param", () => {
    const file = JSON.parse(readInfra("main.parameters.json")) as { parameters: Record<string, unknown> };
    const given = Object.keys(file.parameters);
    const declared = declaredParams(main);
    expect(given.filter((name) => !declared.some((p) => p.name === name))).toEqual([]);
    expect(declared.filter((p) => p.required && !given.includes(p.name)).map((p) => p.name)).toEqual([]);
  });
});
