import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { activateRegistry, installCoreApi, type AppRegistry } from "./core-api";
import { globFiles } from "./glob";

/** The classes of the app's own copy of @azure/functions, so `instanceof` checks in the app hold. */
export interface FunctionsLib {
  HttpRequest: new (init: Record<string, unknown>) => unknown;
  HttpResponse: new (init?: Record<string, unknown>) => unknown;
  InvocationContext: new (init: Record<string, unknown>) => InvocationContextLike;
}

/** The parts of an InvocationContext the host touches. */
export interface InvocationContextLike {
  invocationId: string;
  functionName: string;
  extraInputs: { set(name: string, value: unknown): void };
}

/** A loaded app: its registrations and its @azure/functions classes. */
export interface LoadedApp {
  appDir: string;
  files: string[];
  registry: AppRegistry;
  lib: FunctionsLib;
}

const hostDir = path.resolve(__dirname, "..");

function isAppModule(file: string, appDir: string): boolean {
  return (
    file.startsWith(appDir + path.sep) &&
    !file.includes(`${path.sep}node_modules${path.sep}`) &&
    !file.startsWith(hostDir + path.sep)
  );
}

/** Lists the app's entry files from package.json `main` (a file or a glob). */
export function resolveEntryFiles(appDir: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(appDir, "package.json"), "utf8")) as { main?: string };
  const main = pkg.main ?? "index.js";
  const files = /[*?{]/.test(main) ? globFiles(appDir, main) : [path.resolve(appDir, main)];
  if (files.length === 0) throw new Error(`package.json main "${main}" matched no files in ${appDir}`);
  return files;
}

/** Requires the app's entry files the way the Functions worker does and captures every registration. */
export function loadApp(appDirInput: string, log: AppRegistry["log"]): LoadedApp {
  installCoreApi();
  const appDir = path.resolve(appDirInput);
  const registry: AppRegistry = { functions: new Map(), hooks: new Map(), log };
  activateRegistry(registry);
  // A second load in the same process (tests restarting a host) must re-run the registrations.
  const appRequire = createRequire(path.join(appDir, "package.json"));
  for (const key of Object.keys(appRequire.cache)) {
    if (isAppModule(key, appDir)) delete appRequire.cache[key];
  }
  const files = resolveEntryFiles(appDir);
  for (const file of files) appRequire(file);
  const lib = appRequire("@azure/functions") as FunctionsLib;
  return { appDir, files, registry, lib };
}
