import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

/** A running local stand-in for an Azure service. */
export interface RunningEmulator {
  url: string;
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
const BIN = path.join(PROJECT_ROOT, "node_modules", ".bin");

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "node_modules", ".bin", "azurite"))) return dir;
    if (path.dirname(dir) === dir) throw new Error("cannot find the project root (run npm ci first)");
  }
}
/** Azurite's well-known development account key (public, documented by Microsoft). */
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts Azurite (blob, queue, table) and the Cosmos DB-compatible server on loopback. */
export async function startEmulators(options: { azuriteDir?: string; silent?: boolean } = {}): Promise<LocalEmulators> {
  const [cosmosPort, blobPort, queuePort, tablePort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const cosmos = await startProcess(
    path.join(BIN, "cosmosdb-server"),
    ["--port", String(cosmosPort), "--host", "127.0.0.1", "--no-ssl"],
    /Ready to accept/,
    options.silent ?? true,
  );
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
  const azurite = await startProcess(path.join(BIN, "azurite"), storageArgs, /successfully listening at .*:\d+\s*$/m, options.silent ?? true, 3);
  const blobEndpoint = `http://127.0.0.1:${blobPort}/${DEV_ACCOUNT}`;
  const queueEndpoint = `http://127.0.0.1:${queuePort}/${DEV_ACCOUNT}`;
  const tableEndpoint = `http://127.0.0.1:${tablePort}/${DEV_ACCOUNT}`;
  return {
    cosmosEndpoint: `http://127.0.0.1:${cosmosPort}`,
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

async function startProcess(command: string, args: string[], ready: RegExp, silent: boolean, readyCount = 1): Promise<RunningEmulator> {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${path.basename(command)} did not start within 30 s:\n${output}`)), 30_000);
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
      reject(new Error(`${path.basename(command)} exited with ${String(code)}:\n${output}`));
    });
  });
  child.removeAllListeners("exit");
  if (silent) {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  return { url: "", stop: () => stopChild(child) };
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
