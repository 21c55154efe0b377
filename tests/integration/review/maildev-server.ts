import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** A mail caught by maildev, as its REST API returns it. */
export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string }[];
  from: { address: string }[];
  attachments?: { fileName: string; contentType: string; generatedFileName: string }[];
}

/** A maildev SMTP server on 127.0.0.1 with its REST API. */
export interface Maildev {
  smtpPort: number;
  apiUrl: string;
  /** Waits until `count` mails were caught (or fails at the deadline) and returns them. */
  waitForMails(count: number): Promise<CaughtMail[]>;
  /** An attachment's bytes. */
  attachment(mail: CaughtMail, generatedFileName: string): Promise<Buffer>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

async function poll<T>(what: string, attempt: () => Promise<T | undefined>, deadlineMs = 15_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts maildev from node_modules with its CLI on free loopback ports, optionally requiring SMTP auth. */
export async function startMaildev(auth?: { user: string; password: string }): Promise<Maildev> {
  const [smtpPort, webPort] = [await freePort(), await freePort()];
  const directory = mkdtempSync(join(tmpdir(), "maildev-"));
  const args = [
    resolve("node_modules/maildev/bin/maildev"),
    "--smtp", String(smtpPort),
    "--web", String(webPort),
    "--ip", "127.0.0.1",
    "--mail-directory", directory,
    "--silent",
    ...(auth === undefined ? [] : ["--incoming-user", auth.user, "--incoming-pass", auth.password]),
  ];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: "ignore" });
  const apiUrl = `http://127.0.0.1:${webPort}`;
  await poll("maildev to start", async () => ((await fetch(`${apiUrl}/healthz`)).ok ? true : undefined));

  return {
    smtpPort,
    apiUrl,
    waitForMails: (count) =>
      poll(`${count} mail(s)`, async () => {
        const mails = (await (await fetch(`${apiUrl}/email`)).json()) as CaughtMail[];
        return mails.length >= count ? mails : undefined;
      }),
    attachment: async (mail, name) => Buffer.from(await (await fetch(`${apiUrl}/email/${mail.id}/attachment/${encodeURIComponent(name)}`)).arrayBuffer()),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill();
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
