import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./emulators";
import { isAlive } from "./parent-watch";

/** Where npm start keeps everything that survives a restart: `.local/` in the project, or LRW_LOCAL_DIR (tests). */
export function localDir(): string {
  return path.resolve(process.env.LRW_LOCAL_DIR ?? path.join(PROJECT_ROOT, ".local"));
}

/** The files and folders of the local state. */
export function localPaths(dir: string) {
  return {
    dir,
    keys: path.join(dir, "keys"),
    adminKey: path.join(dir, "keys", "admin.key"),
    reviewTokenKey: path.join(dir, "keys", "review-token.key"),
    staffSessionKey: path.join(dir, "keys", "staff-session.key"),
    staffPassword: path.join(dir, "keys", "staff-password"),
    staffClientSecret: path.join(dir, "keys", "staff-client-secret"),
    oidc: path.join(dir, "oidc"),
    cosmos: path.join(dir, "cosmos"),
    azurite: path.join(dir, "azurite"),
    host: path.join(dir, "host"),
    mail: path.join(dir, "mail"),
    demoRequester: path.join(dir, "demo-requester"),
    stack: path.join(dir, "stack.json"),
    pid: path.join(dir, "stack.pid"),
  };
}

/**
 * Creates the state folder (owner-only), wiping it first when `fresh`. Durable state and blobs left by a start from
 * before Cosmos was kept (no cosmos/ beside them) name demands that no longer exist, so they go.
 */
export function prepareLocalState(dir: string, fresh: boolean): void {
  const paths = localPaths(dir);
  // --fresh must not wipe the state of a stack that is still running on it (its keys, journals and blobs).
  if (fresh) refuseWhileClaimed(dir);
  if (fresh) rmSync(dir, { recursive: true, force: true });
  else if (!existsSync(paths.cosmos)) for (const stale of [paths.host, paths.azurite]) rmSync(stale, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Claims the state folder for this process; refuses while another live npm start holds it. */
export function claimLocalState(dir: string): void {
  refuseWhileClaimed(dir);
  writeFileSync(localPaths(dir).pid, String(process.pid), { mode: 0o600 });
}

function refuseWhileClaimed(dir: string): void {
  const file = localPaths(dir).pid;
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, "utf8").trim());
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isStack(pid)) {
    throw new Error(`another npm start (pid ${pid}) is using ${dir}; stop it first`);
  }
}

/**
 * Whether `pid` is a running npm start: alive, not a zombie waiting to be reaped, and (where /proc tells) running the
 * start script, since after a crash and a reboot the pid left in stack.pid may belong to any other program.
 */
function isStack(pid: number): boolean {
  if (!isAlive(pid)) return false;
  let stat: string;
  let cmdline: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return true; // no /proc here (or it just ended): trust the pid
  }
  if (/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2))) return false;
  return cmdline.includes("start-local");
}

/** Releases the claim (on a clean stop; after a crash the next start finds the pid dead). */
export function releaseLocalState(dir: string): void {
  rmSync(localPaths(dir).pid, { force: true });
}

/** A secret kept in `file` (mode 0600), made by `make` on first use. */
export function persistedSecret(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: "wx" });
  return value;
}
