import { hostReady } from "../../scripts/host-ready";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { PROJECT_ROOT } from "../../scripts/emulators";
import { freePort } from "../../scripts/free-port";
import { seedDemo } from "../../scripts/seed-demo";
import { localAppSettings } from "../../scripts/local-app-settings";
import { startMailCatcher, type MailCatcher } from "../../scripts/mail-catcher";
import { aSubmission, requesterPublicKeyPem } from "../support/builders";
import type { DemandBody } from "../../shared/domain/demand";
import { StackClient } from "../../scripts/stack-client";
import { startLocalStaffSignIn } from "../../scripts/local-staff";
import type { LocalOidcProvider } from "../../scripts/local-oidc-provider";

export { poll } from "../../scripts/stack-client";

const CLI = path.join(PROJECT_ROOT, "dist", "local-host", "src", "cli.js");

/** The whole app, compiled, under the local host as a child process, against the test run's Azurite and Cosmos server, with maildev. */
export class AppStack {
  url = "";
  credential = "";
  /** The demo staff accounts' password on the stack's local OpenID provider. */
  staffPassword = "";
  private oidc: LocalOidcProvider | undefined;
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
    const localDir = mkdtempSync(path.join(tmpdir(), "lrw-e2e-local-"));
    const staff = await startLocalStaffSignIn({ port: 0, appPort: port, persistDir: path.join(localDir, "oidc") });
    const env = {
      ...localAppSettings({
        emulators: { cosmosEndpoint: inject("cosmosEndpoint"), blobConnectionString: blob } as never,
        mail,
        port,
        localDir,
        staffOidc: staff.client,
      }),
      COSMOS_DATABASE: `e2e-${randomUUID()}`,
      DURABLE_TASK_HUB: `e2e${randomUUID().slice(0, 8)}`,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    };
    const stack = new AppStack(mail, port, env);
    stack.oidc = staff.provider;
    stack.staffPassword = staff.password;
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
    if (process.env.E2E_HOST_LOG !== undefined) {
      child.stdout!.on("data", (c: Buffer) => process.stderr.write(c));
      child.stderr!.on("data", (c: Buffer) => process.stderr.write(c));
    }
    this.url = await hostReady(child, 30_000);
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
    await this.oidc?.stop();
    rmSync(this.stateDir, { recursive: true, force: true });
  }

  /** The client for this stack (requester API, review links, clock, mail). */
  get client(): StackClient {
    return new StackClient(this.url, this.mail.webUrl, this.credential, this.staffPassword);
  }

  /** Files the test builder's sound demand with these changes; returns its id. */
  async submit(reference: string, overrides: Partial<DemandBody> = {}): Promise<string> {
    // The data range is dated around the wall clock (the seeded data's window); the process's own dates move with the host's clock.
    const submission = shiftDates(aSubmission(overrides, new Date()), await this.clockOffsetDays());
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

  /** Whole days the host's clock runs ahead of the wall clock (tests move it; the intake validates against it). */
  private async clockOffsetDays(): Promise<number> {
    const response = await fetch(`${this.url}/admin/clock`);
    const { offsetMs } = (await response.json()) as { offsetMs: number };
    return Math.floor(offsetMs / 86_400_000);
  }

  private async seed(): Promise<void> {
    this.credential = await seedDemo(this.env, requesterPublicKeyPem);
  }
}

/** A short, unique legal-process reference for one test. */
export function aReference(tag: string): string {
  return `${tag}-${createHash("sha256").update(randomUUID()).digest("hex").slice(0, 6)}`;
}

/** Moves the calendar dates (YYYY-MM-DD) of a submission's process and orders by whole days, so a demand written for "today" stays current as the host's clock moves. */
function shiftDates<T>(value: T, days: number): T {
  if (days === 0) return value;
  const shift = (v: unknown): unknown => {
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(Date.parse(`${v}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    if (Array.isArray(v)) return v.map(shift);
    // The data range stays: it names data in the past, which the demo data set holds.
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "dateRange" ? x : shift(x)]));
    return v;
  };
  return shift(value) as T;
}

/** Starts one stack for the test file before its tests and stops it after them; `onStarted` receives it. */
export function useAppStack(onStarted: (stack: AppStack) => void): void {
  let started: AppStack | undefined;
  beforeAll(async () => {
    started = await AppStack.start();
    onStarted(started);
  }, 90_000);
  afterAll(async () => {
    await started?.stop();
  });
}
