import { hostReady } from "../scripts/host-ready";
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PROJECT_ROOT, startEmulators } from "../scripts/emulators";
import { freePort } from "../scripts/free-port";
import { localAppSettings } from "../scripts/local-app-settings";
import { startLocalStaffSignIn } from "../scripts/local-staff";
import { startMailCatcher } from "../scripts/mail-catcher";
import { seedDemo } from "../scripts/seed-demo";
import { StackClient } from "../scripts/stack-client";

const CLI = path.join(PROJECT_ROOT, "dist", "local-host", "src", "cli.js");

/** A benchmark's running stack: the compiled app under the local host (its own process), Azurite, the Cosmos server, maildev and the local OpenID provider. */
export interface BenchStack {
  url: string;
  mailUrl: string;
  adminKey: string;
  client: StackClient;
  /** The folder the app's customer data source reads (CUSTOMER_DATA_SOURCE=folder), seeded with the demo data set. */
  customerDataDir: string;
  /** The host process (for its pid; benchmarks load it from this process). */
  host: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts everything on loopback in fresh temporary folders, seeds the demo directory and vets the demo requester.
 * The host runs as a child (`dist/` must be built) so the load generator does not share its event loop;
 * `hostNodeArgs` go to its node (e.g. `--cpu-prof`).
 */
export async function startBenchStack(options: { hostNodeArgs?: string[] } = {}): Promise<BenchStack> {
  const dir = mkdtempSync(path.join(tmpdir(), "lrw-bench-stack-"));
  const emulators = await startEmulators();
  const mail = await startMailCatcher({ mailDir: path.join(dir, "mail") });
  const port = await freePort();
  const staff = await startLocalStaffSignIn({ port: 0, appPort: port, persistDir: path.join(dir, "oidc") });
  const local = localAppSettings({ emulators, mail, port, localDir: dir, staffOidc: staff.client });
  // The benchmarks read each finished lifecycle's history, which the daily purge would remove once the clock moved months.
  const settings = { ...local, PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, LIFECYCLE_HISTORY_RETENTION_DAYS: "36500" };
  const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const credential = await seedDemo(settings, keys.publicKey.export({ type: "spki", format: "pem" }).toString());
  const adminKey = randomBytes(24).toString("base64url");
  const args = [...(options.hostNodeArgs ?? []), CLI, "--app", PROJECT_ROOT, "--port", String(port), "--state", path.join(dir, "host"), "--admin", "--admin-key", adminKey];
  const host = spawn(process.execPath, args, { env: { ...process.env, ...settings }, stdio: ["ignore", "pipe", "pipe"], cwd: dir });
  const url = await hostReady(host, 60_000);
  // The emulators end with this process on their own (they watch their stdin); the host is ended here.
  const killHost = () => host.kill("SIGKILL");
  process.once("exit", killHost);
  // Keep draining the host's output so a chatty host never blocks on a full pipe.
  host.stdout!.resume();
  host.stderr!.resume();
  return {
    url,
    mailUrl: mail.webUrl,
    adminKey,
    customerDataDir: local["CUSTOMER_DATA_DIR"]!,
    client: new StackClient(url, mail.webUrl, credential, staff.password, adminKey),
    host,
    stop: async () => {
      process.removeListener("exit", killHost);
      if (host.exitCode === null) {
        const exited = new Promise((r) => host.once("exit", r));
        // SIGINT lets the host stop cleanly (and node write a --cpu-prof profile).
        host.kill("SIGINT");
        await exited;
      }
      await Promise.all([mail.stop(), staff.provider.stop(), emulators.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The p-th percentile (nearest rank) of some values. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
