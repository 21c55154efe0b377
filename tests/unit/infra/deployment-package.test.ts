import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ignore from "ignore";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_DIR, readRepo } from "./bicep-text";

// What is shipped to Azure (issue 18): only what runs — the compiled app folders, host.json, package.json and
// production dependencies — staged by infra/hooks/stage-package.mjs (azure.yaml's prepackage hook) and zipped by azd.
// .funcignore states the same selection for the project root; these tests hold the two together.

interface StageModule {
  RUNTIME_DIRS: string[];
  RUNTIME_FILES: string[];
  STAGE_DIR: string;
  stagePackage(projectDir: string, stageDir?: string, options?: { install?: boolean }): void;
  pruneNodeModules(dir: string): void;
}

const stage = (await import(path.join(REPO_DIR, "infra/hooks/stage-package.mjs"))) as StageModule;
const funcignore = ignore().add(readRepo(".funcignore"));
const azureYaml = parse(readRepo("azure.yaml")) as {
  services: { api: { remoteBuild?: boolean; dist?: string; hooks?: Record<string, Record<string, { run?: string }>> } };
};
const shippedAtRoot = ["dist", "host.json", "node_modules", "package.json"];
const temp = mkdtempSync(path.join(tmpdir(), "lrw-stage-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The first path segment of every file git tracks, plus the folders the build, tests and tools create. */
function topLevelEntries(): string[] {
  const tracked = execFileSync("git", ["ls-files"], { cwd: REPO_DIR, encoding: "utf8" }).split("\n").filter((f) => f !== "");
  const generated = ["dist", "node_modules", ".local", ".azure", "coverage", "local.settings.json", "__azurite_db_blob__.json"];
  return [...new Set([...tracked.map((f) => f.split("/")[0] ?? f), ...generated])];
}

/** The top-level folders tsc writes into dist/ (tsconfig.build.json `include`), plus the staging folder. */
function distEntries(): string[] {
  const build = JSON.parse(readRepo("tsconfig.build.json")) as { include: string[] };
  return [...new Set([...build.include.map((p) => p.split("/")[0] ?? p), "azure-package", "tests"])];
}

describe(".funcignore", () => {
  it("ships, from the repository's top level, only dist/, host.json, package.json and node_modules", () => {
    const shipped = topLevelEntries().filter((entry) => !funcignore.ignores(entry) && !funcignore.ignores(`${entry}/`));
    expect(shipped.sort(), "a new top-level file or folder must be listed in .funcignore").toEqual(shippedAtRoot);
  });

  it("ships, from dist/, only the folders the stage script copies", () => {
    const shipped = distEntries().filter((entry) => !funcignore.ignores(`dist/${entry}/`));
    expect(shipped.map((d) => `dist/${d}`).sort()).toEqual([...stage.RUNTIME_DIRS].sort());
  });

  it("drops source maps, type declarations and the TypeScript sources", () => {
    for (const file of ["dist/shared/x.js.map", "dist/shared/x.d.ts", "shared/x.ts", "tsconfig.json", "tests/unit/x.test.ts"]) {
      expect(funcignore.ignores(file), file).toBe(true);
    }
    expect(funcignore.ignores("dist/functions/intake.js")).toBe(false);
  });

  it("keeps node_modules (azd refuses `remoteBuild: false` when .funcignore excludes it)", () => {
    expect(azureYaml.services.api.remoteBuild).toBe(false);
    expect(funcignore.ignores("node_modules/")).toBe(false);
  });
});

describe("the staged package (infra/hooks/stage-package.mjs)", () => {
  it("is what azure.yaml deploys, staged by its prepackage hook", () => {
    expect(azureYaml.services.api.dist).toBe(stage.STAGE_DIR);
    const hooks = azureYaml.services.api.hooks?.prepackage ?? {};
    expect(hooks.posix?.run).toBe("node infra/hooks/stage-package.mjs");
    expect(hooks.windows?.run).toBe("node infra/hooks/stage-package.mjs");
  });

  it("holds exactly the runtime folders and files, without maps or declarations, and nothing else", () => {
    const project = path.join(temp, "project");
    for (const dir of [...stage.RUNTIME_DIRS, "dist/scripts", "dist/local-host", "dist/bin", "tests", "shared"]) {
      mkdirSync(path.join(project, dir), { recursive: true });
      writeFileSync(path.join(project, dir, "index.js"), "export {};\n");
      writeFileSync(path.join(project, dir, "index.js.map"), "{}\n");
      writeFileSync(path.join(project, dir, "index.d.ts"), "export {};\n");
    }
    for (const file of ["host.json", "package.json", "package-lock.json", "tsconfig.json", "local.settings.json"]) {
      writeFileSync(path.join(project, file), "{}\n");
    }
    const out = path.join(temp, "out");
    stage.stagePackage(project, out, { install: false });
    const files = (readdirSync(out, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[])
      .filter((e) => e.isFile())
      .map((e) => path.relative(out, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
      .sort();
    expect(files).toEqual([...stage.RUNTIME_FILES, ...stage.RUNTIME_DIRS.map((d) => `${d}/index.js`)].sort());
  });

  it("prunes from node_modules what Node never loads, and keeps code, package.json and licences", () => {
    const modules = path.join(temp, "node_modules");
    const files = [
      "@azure/x/package.json",
      "@azure/x/dist/commonjs/index.js",
      "@azure/x/dist/commonjs/index.js.map",
      "@azure/x/dist/commonjs/index.d.ts",
      "@azure/x/dist/browser/index.js",
      "@azure/x/dist/react-native/index.js",
      "@azure/x/LICENSE.md",
      "@azure/x/README.md",
      "y/src/index.ts",
      "y/index.mjs",
      "y/index.d.mts",
      "y/lib/browser/keep.js",
    ];
    for (const file of files) {
      mkdirSync(path.dirname(path.join(modules, file)), { recursive: true });
      writeFileSync(path.join(modules, file), "x");
    }
    stage.pruneNodeModules(modules);
    const left = (readdirSync(modules, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[])
      .filter((e) => e.isFile())
      .map((e) => path.relative(modules, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
      .sort();
    expect(left).toEqual(["@azure/x/LICENSE.md", "@azure/x/dist/commonjs/index.js", "@azure/x/package.json", "y/index.mjs", "y/lib/browser/keep.js"]);
  });

  it("installs production dependencies only, from the lock file", () => {
    const source = readFileSync(path.join(REPO_DIR, "infra/hooks/stage-package.mjs"), "utf8");
    expect(source).toMatch(/"ci", "--omit=dev"/);
  });

  it("contains every module the app loads: package.json `main` and every relative import stay inside the runtime folders", () => {
    const main = (JSON.parse(readRepo("package.json")) as { main: string }).main;
    const mainDirs = /^dist\/\{([^}]+)\}\/\*\.js$/.exec(main)?.[1]?.split(",") ?? [];
    expect(mainDirs.length, `package.json main (${main}) must be dist/{...}/*.js`).toBeGreaterThan(0);
    for (const dir of mainDirs) expect(stage.RUNTIME_DIRS).toContain(`dist/${dir}`);
    const sourceDirs = stage.RUNTIME_DIRS.map((d) => d.replace(/^dist\//, ""));
    const outside: string[] = [];
    for (const dir of sourceDirs) {
      const files = (readdirSync(path.join(REPO_DIR, dir), { recursive: true }) as string[]).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
      for (const file of files) {
        const full = path.join(REPO_DIR, dir, file);
        for (const [, spec = ""] of readFileSync(full, "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
          const target = path.relative(REPO_DIR, path.resolve(path.dirname(full), spec)).split(path.sep)[0] ?? "";
          if (!sourceDirs.includes(target)) outside.push(`${dir}/${file} imports ${spec}`);
        }
      }
    }
    expect(outside, "runtime code imports a module the package does not ship").toEqual([]);
  });
});
