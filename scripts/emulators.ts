import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { freePort } from "./free-port";

/** A running local stand-in for an Azure service. */
export interface RunningEmulator {
  url: string;
  /** Its process id (tests kill it as a crash would). */
  pid: number;
  stop(): Promise<void>;
}

/** Endpoints of the local stand-ins, as the app's settings want them. */
export interface LocalEmulators {
  cosmosEndpoint: string;
  blobConnectionString: string;
  blobEndpoint: string;
  queueEndpoint: string;
  tableEndpoint: string;
  stop(): Promise<void>;
}

/** The project root: the nearest folder above this file with node_modules/.bin (this file also runs compiled, from dist/). */
export const PROJECT_ROOT = findRoot(__dirname);
const AZURITE = path.join(PROJECT_ROOT, "node_modules", "azurite", "dist", "src", "azurite.js");

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "node_modules", ".bin", "azurite"))) return dir;
    if (path.dirname(dir) === dir) throw new Error("cannot find the project root (run npm ci first)");
  }
}
/** Azurite's well-known development account key (public, documented by Microsoft). */
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/**
 * The node arguments that run one of these scripts in a child process: compiled (dist/scripts/*.js) when this file
 * runs compiled, through tsx when it runs as TypeScript (tests).
 */
export function scriptArgs(relative: string): string[] {
  const compiled = __filename.endsWith(".js");
  const file = path.join(__dirname, `${relative}${compiled ? ".js" : ".ts"}`);
  return compiled ? [file] : ["--import", "tsx", file];
}

/**
 * Starts Azurite (blob, queue, table) and the Cosmos DB-compatible server on loopback, in memory or, given folders,
 * on disk. Both end when this process ends, however it ends (they watch their stdin pipe from it).
 */
export async function startEmulators(options: { azuriteDir?: string; cosmosDir?: string; silent?: boolean } = {}): Promise<LocalEmulators> {
  const [blobPort, queuePort, tablePort] = await Promise.all([freePort(), freePort(), freePort()]);
  const cosmos = await startCosmosServer({ dataDir: options.cosmosDir, silent: options.silent });
  const storageArgs = [
    "--disableTelemetry",
    "--skipApiVersionCheck",
    "--loose",
    "--blobHost", "127.0.0.1", "--blobPort", String(blobPort),
    "--queueHost", "127.0.0.1", "--queuePort", String(queuePort),
    "--tableHost", "127.0.0.1", "--tablePort", String(tablePort),
  ];
  if (options.azuriteDir === undefined) {
    storageArgs.push("--inMemoryPersistence");
  } else {
    mkdirSync(options.azuriteDir, { recursive: true });
    storageArgs.push("--location", options.azuriteDir);
  }
  const azurite = await startProcess([...scriptArgs("run-with-parent"), AZURITE, ...storageArgs], /successfully listening at .*:\d+\s*$/m, options.silent ?? true, 3).catch(async (error: Error) => {
    await cosmos.stop();
    if (options.azuriteDir === undefined) throw error;
    throw new Error(
      `${error.message}\nAzurite could not start on its files in ${options.azuriteDir}. If a crash left them damaged, restore that folder ` +
        "from a backup, or start again with `npm start -- --fresh` (which deletes all local state: demands, keys, mail).",
    );
  });
  const blobEndpoint = `http://127.0.0.1:${blobPort}/${DEV_ACCOUNT}`;
  const queueEndpoint = `http://127.0.0.1:${queuePort}/${DEV_ACCOUNT}`;
  const tableEndpoint = `http://127.0.0.1:${tablePort}/${DEV_ACCOUNT}`;
  return {
    cosmosEndpoint: cosmos.url,
    blobEndpoint,
    queueEndpoint,
    tableEndpoint,
    blobConnectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `BlobEndpoint=${blobEndpoint};QueueEndpoint=${queueEndpoint};TableEndpoint=${tableEndpoint};`,
    stop: async () => {
      await Promise.all([cosmos.stop(), azurite.stop()]);
    },
  };
}

/** Starts the Cosmos DB-compatible server (durable in `dataDir` when given, see cosmos/cosmos-journal.ts) on loopback. */
export async function startCosmosServer(options: { dataDir?: string | undefined; silent?: boolean | undefined } = {}): Promise<RunningEmulator> {
  const port = await freePort();
  const args = [...scriptArgs("cosmos/durable-cosmos-server"), "--port", String(port), "--host", "127.0.0.1", ...(options.dataDir === undefined ? [] : ["--data-dir", options.dataDir])];
  const server = await startProcess(args, /Ready to accept/, options.silent ?? true);
  return { ...server, url: `http://127.0.0.1:${port}` };
}

/** Starts a Node child with a stdin pipe it watches (see parent-watch.ts) and waits for its ready line. */
async function startProcess(nodeArgs: string[], ready: RegExp, silent: boolean, readyCount = 1): Promise<RunningEmulator> {
  const name = path.basename(nodeArgs.find((a) => a.includes("azurite") || a.includes("cosmos")) ?? "emulator");
  const child = spawn(process.execPath, nodeArgs, { cwd: PROJECT_ROOT, stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!silent) process.stdout.write(chunk);
      const matches = output.match(new RegExp(ready.source, ready.flags.includes("g") ? ready.flags : `${ready.flags}g`));
      if ((matches?.length ?? 0) >= readyCount) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${String(code)}:\n${output}`));
    });
  });
  child.removeAllListeners("exit");
  if (silent) {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  return { url: "", pid: child.pid ?? 0, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
