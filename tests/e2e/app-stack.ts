import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { COSMOS_CONTAINERS } from "../../shared/adapters/cosmos/cosmos-containers";
import { CosmosCustomerDirectory } from "../../shared/adapters/cosmos/cosmos-customer-directory";
import { CosmosRequesterRegistry } from "../../shared/adapters/cosmos/cosmos-requester-registry";
import { openCosmosDatabase } from "../../shared/adapters/cosmos/open-cosmos-database";
import { vetRequester } from "../../shared/use-cases/manage-requesters";
import { seedDemoDirectory } from "../../scripts/demo-directory";
import { freePort, PROJECT_ROOT } from "../../scripts/emulators";
import { localAppSettings } from "../../scripts/local-app-settings";
import { startMailCatcher, type MailCatcher } from "../../scripts/mail-catcher";
import { aSubmission, requesterPublicKeyPem } from "../support/builders";
import type { DemandBody } from "../../shared/domain/demand";

/** A mail caught by maildev. */
export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  to: { address: string }[];
  attachments?: { fileName: string }[];
}

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
    private readonly env: Record<string, string>,
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

  /** Files a demand; returns its id. */
  async submit(reference: string, overrides: Partial<DemandBody> = {}): Promise<string> {
    const submission = aSubmission(overrides);
    submission.legalProcess.reference = reference;
    const response = await this.api("POST", "/api/demands", submission, { "idempotency-key": `e2e-${reference}` });
    if (response.status !== 202) throw new Error(`submit answered ${response.status}: ${JSON.stringify(response.body)}`);
    return String((response.body as { id: string }).id);
  }

  /** Calls the API as the vetted requester. */
  async api(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${this.credential}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? null : (JSON.parse(text) as unknown) };
  }

  /** The requester's view of a demand. */
  async status(id: string): Promise<{ status: string; outcome: string | null; timeline: { step: string }[] }> {
    return (await this.api("GET", `/api/demands/${id}`)).body as never;
  }

  /** Polls the demand until `check` holds. */
  async waitFor(id: string, check: (s: Awaited<ReturnType<AppStack["status"]>>) => boolean, what: string): Promise<Awaited<ReturnType<AppStack["status"]>>> {
    return poll(what, async () => {
      const s = await this.status(id);
      return check(s) ? s : undefined;
    });
  }

  /** Moves the host's virtual clock; resolves once the work it caused is done. */
  async advance(duration: string): Promise<void> {
    const response = await fetch(`${this.url}/admin/clock`, { method: "POST", body: JSON.stringify({ advance: duration }) });
    if (!response.ok) throw new Error(`clock answered ${response.status}`);
  }

  /** Every mail caught so far whose subject names `reference`. */
  async mails(reference: string): Promise<CaughtMail[]> {
    const all = (await (await fetch(`${this.mail.webUrl}/email`)).json()) as CaughtMail[];
    return all.filter((m) => m.subject.includes(reference));
  }

  /** Waits until at least `count` mails matching `filter` were caught for a reference. */
  async waitForMails(reference: string, count: number, filter: (m: CaughtMail) => boolean = () => true): Promise<CaughtMail[]> {
    return poll(`${count} mail(s) for ${reference}`, async () => {
      const found = (await this.mails(reference)).filter(filter);
      return found.length >= count ? found : undefined;
    });
  }

  /** The review link mailed to one reviewer for a reference (the latest). */
  async reviewLink(reference: string, reviewer: string): Promise<string> {
    const mails = await this.waitForMails(reference, 1, (m) => m.to.some((t) => t.address === reviewer) && /\/api\/review\//.test(m.text));
    const link = /https?:\/\/\S+\/api\/review\/[A-Za-z0-9_.-]+/.exec(mails.at(-1)!.text)?.[0];
    if (link === undefined) throw new Error("no review link in the mail");
    return link;
  }

  /** Posts a decision through the review page's form, as the browser would. */
  async decide(link: string, fields: Record<string, string | string[]>): Promise<number> {
    const form = new URLSearchParams({ confirm: "yes" });
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
    const response = await fetch(link, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
    return response.status;
  }

  private async seed(): Promise<void> {
    const database = await openCosmosDatabase(
      { endpoint: this.env.COSMOS_ENDPOINT!, database: this.env.COSMOS_DATABASE!, key: this.env.COSMOS_KEY, createIfMissing: true },
      { getToken: () => Promise.reject(new Error("key auth")) },
    );
    await seedDemoDirectory(new CosmosCustomerDirectory(database.container(COSMOS_CONTAINERS.tenants.id), database.container(COSMOS_CONTAINERS.accounts.id)));
    const vetted = await vetRequester(
      new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id)),
      {
        name: "Example County Sheriff",
        kind: "law_enforcement",
        country: "US",
        jurisdictions: ["US", "US-CA"],
        contacts: [{ name: "Records", email: "records@sheriff.example" }],
        deliveryPublicKeyPem: requesterPublicKeyPem,
      },
      new Date(),
    );
    this.credential = vetted.credential;
  }
}

/** Polls until `attempt` yields a value, or fails after a deadline. */
export async function poll<T>(what: string, attempt: () => Promise<T | undefined>, deadlineMs = 20_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A short, unique legal-process reference for one test. */
export function aReference(tag: string): string {
  return `${tag}-${createHash("sha256").update(randomUUID()).digest("hex").slice(0, 6)}`;
}
