import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { freePort, PROJECT_ROOT } from "../../scripts/emulators";
import { seedDemo } from "../../scripts/seed-demo";
import { localAppSettings } from "../../scripts/local-app-settings";
import { startMailCatcher, type MailCatcher } from "../../scripts/mail-catcher";
import { aSubmission, requesterPublicKeyPem } from "../support/builders";
import type { DemandBody } from "../../shared/domain/demand";
import { StackClient } from "../../scripts/stack-client";

export { poll } from "../../scripts/stack-client";

const CLI = path.join(PROJECT_ROOT, "dist", "local-host", "src", "cli.js");

/** The whole app, compiled, under the local host as a child process, against the test run's Azurite and Cosmos server, with maildev. */
export class AppStack {
  url = "";
  credential = "";
  private host: ChildProcess | undefined;
  private readonly stateDir = mkdtempSync(path.join(tmpdir(), "lrw-e2e-"));
  private constructor(
    private readonly mail: MailCatcher,
    private readonly port: number,
    readonly env: Record<string, string>,
  ) {}

  /** Starts maildev and the host, seeds the demo directory and vets a requester. */
  static async start(): Promise<AppStack> {
    const mail = await startMailCatcher();
    const port = await freePort();
    const blob = inject("blobConnectionString");
    const env = {
      ...localAppSettings({
        emulators: { cosmosEndpoint: inject("cosmosEndpoint"), blobConnectionString: blob } as never,
        mail,
        port,
        localDir: mkdtempSync(path.join(tmpdir(), "lrw-e2e-local-")),
      }),
      COSMOS_DATABASE: `e2e-${randomUUID()}`,
      DURABLE_TASK_HUB: `e2e${randomUUID().slice(0, 8)}`,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    };
    const stack = new AppStack(mail, port, env);
    await stack.seed();
    await stack.startHost();
    return stack;
  }

  /** (Re)starts the host process on the same state. */
  async startHost(): Promise<void> {
    const child = spawn(process.execPath, [CLI, "--app", PROJECT_ROOT, "--port", String(this.port), "--state", this.stateDir, "--admin"], {
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.host = child;
    let output = "";
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /LOCAL_HOST_READY (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.once("exit", (code) => reject(new Error(`host exited ${String(code)}:\n${output}`)));
    });
    child.removeAllListeners("exit");
  }

  /** Kills the host as a crash would (SIGKILL). */
  async crashHost(): Promise<void> {
    const child = this.host;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  }

  /** Stops everything and removes the state. */
  async stop(): Promise<void> {
    await this.crashHost();
    await this.mail.stop();
    rmSync(this.stateDir, { recursive: true, force: true });
  }

  /** The client for this stack (requester API, review links, clock, mail). */
  get client(): StackClient {
    return new StackClient(this.url, this.mail.webUrl, this.credential);
  }

  /** Files the test builder's sound demand with these changes; returns its id. */
  async submit(reference: string, overrides: Partial<DemandBody> = {}): Promise<string> {
    // The app checks dates against the wall clock, so the demand is dated around it.
    const submission = aSubmission(overrides, new Date());
    submission.legalProcess.reference = reference;
    return this.client.submit(submission);
  }

  api: StackClient["api"] = (...args) => this.client.api(...args);
  status: StackClient["status"] = (id) => this.client.status(id);
  waitFor: StackClient["waitFor"] = (...args) => this.client.waitFor(...args);
  advance = async (duration: string): Promise<void> => {
    await this.client.advance(duration);
  };
  mails: StackClient["mails"] = (reference) => this.client.mails(reference);
  waitForMails: StackClient["waitForMails"] = (...args) => this.client.waitForMails(...args);
  reviewLink: StackClient["reviewLink"] = (...args) => this.client.reviewLink(...args);
  decide: StackClient["decide"] = (...args) => this.client.decide(...args);

  private async seed(): Promise<void> {
    this.credential = await seedDemo(this.env, requesterPublicKeyPem);
  }
}

/** A short, unique legal-process reference for one test. */
export function aReference(tag: string): string {
  return `${tag}-${createHash("sha256").update(randomUUID()).digest("hex").slice(0, 6)}`;
}
