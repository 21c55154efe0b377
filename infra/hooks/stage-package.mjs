// azd prepackage hook (azure.yaml): stages exactly what runs in Azure into dist/azure-package, which azd zips and
// deploys. The compiled app folders, host.json and package.json are copied; node_modules is made fresh with
// production dependencies only (npm ci --omit=dev), so none of the test and local tooling ships.
// .funcignore states the same selection for the project root (tests/unit/infra/deployment-package.test.ts
// checks that they agree).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The compiled folders the Functions host loads (package.json `main`) and what they import. */
export const RUNTIME_DIRS = ["dist/functions", "dist/activities", "dist/orchestrations", "dist/shared"];
/** The files at the package root the host reads. */
export const RUNTIME_FILES = ["host.json", "package.json"];
/** Where the package is staged, relative to the project (azure.yaml `dist`). */
export const STAGE_DIR = "dist/azure-package";

/** Copies the runtime files into `stageDir` (emptied first) and, unless `install` is false, installs production dependencies there. */
export function stagePackage(projectDir, stageDir = path.join(projectDir, STAGE_DIR), { install = true } = {}) {
  for (const dir of RUNTIME_DIRS) {
    if (!existsSync(path.join(projectDir, dir))) throw new Error(`${dir} is missing: run npm run build first`);
  }
  rmSync(stageDir, { recursive: true, force: true });
  mkdirSync(stageDir, { recursive: true });
  for (const file of RUNTIME_FILES) cpSync(path.join(projectDir, file), path.join(stageDir, file));
  for (const dir of RUNTIME_DIRS) {
    cpSync(path.join(projectDir, dir), path.join(stageDir, dir), {
      recursive: true,
      // Source maps and type declarations are not loaded at run time.
      filter: (source) => !/\.(map|d\.ts)$/.test(source),
    });
  }
  if (!install) return;
  cpSync(path.join(projectDir, "package-lock.json"), path.join(stageDir, "package-lock.json"));
  // No production dependency needs an install script; skipping them keeps the install reproducible.
  execFileSync("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: stageDir,
    stdio: "inherit",
    // npm is npm.cmd on Windows: let the shell find it.
    shell: process.platform === "win32",
  });
  rmSync(path.join(stageDir, "package-lock.json"));
  pruneNodeModules(path.join(stageDir, "node_modules"));
}

/** Files Node never loads: source maps, type declarations, TypeScript sources and documentation (licences stay). */
const NOT_LOADED = /\.(map|d\.[cm]?ts|[cm]?ts|md)$/i;
const LICENCE = /^(licen[cs]e|notice|third.?party)/i;
/** Builds for other platforms, chosen only by the "browser" and "react-native" export conditions, never by Node. */
const OTHER_PLATFORM_BUILDS = new Set(["browser", "react-native"]);

/**
 * Deletes from an installed node_modules what Node never loads (about two thirds of the files of this app's
 * production dependencies), so the package is smaller and its cold start reads fewer files.
 */
export function pruneNodeModules(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (OTHER_PLATFORM_BUILDS.has(entry.name) && path.basename(dir) === "dist") rmSync(full, { recursive: true, force: true });
      else pruneNodeModules(full);
    } else if (NOT_LOADED.test(entry.name) && !LICENCE.test(entry.name)) {
      rmSync(full, { force: true });
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  stagePackage(process.cwd());
  console.log(`Staged the deployment package in ${STAGE_DIR}.`);
}
