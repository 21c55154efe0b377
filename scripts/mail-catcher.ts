import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PROJECT_ROOT, scriptArgs } from "./emulators";
import { freePort } from "./free-port";

/** A local SMTP catcher (maildev) with a web inbox and a REST API. */
export interface MailCatcher {
  smtpPort: number;
  webUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts maildev on loopback: SMTP for the app, a web inbox for people, its REST API for tests; optionally requiring
 * SMTP auth. Mail is kept as .eml files in `mailDir` (a fresh temp folder when none is given) and reloaded from there
 * on the next start. It ends when this process ends, however it ends.
 */
export async function startMailCatcher(
  options: { smtpPort?: number; webPort?: number; mailDir?: string; auth?: { user: string; password: string } } = {},
): Promise<MailCatcher> {
  const smtpPort = options.smtpPort ?? (await freePort());
  const webPort = options.webPort ?? (await freePort());
  const mailDir = options.mailDir ?? mkdtempSync(path.join(tmpdir(), "maildev-"));
  mkdirSync(mailDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [...scriptArgs("run-with-parent"), path.join(PROJECT_ROOT, "node_modules", "maildev", "bin", "maildev"), "--smtp", String(smtpPort), "--web", String(webPort), "--ip", "127.0.0.1", "--mail-directory", mailDir, "--silent",
      ...(options.auth === undefined ? [] : ["--incoming-user", options.auth.user, "--incoming-pass", options.auth.password])],
    { cwd: PROJECT_ROOT, stdio: ["pipe", "ignore", "ignore"] },
  );
  const webUrl = `http://127.0.0.1:${webPort}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`${webUrl}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("maildev did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    smtpPort,
    webUrl,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill();
        await exited;
      }
      // A mail folder this function made for itself goes with it.
      if (options.mailDir === undefined) rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
