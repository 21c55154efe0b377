import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { openIntakeStack, vetAnAgency } from "../../support/intake-stack";
import type { MailMessage } from "../../../shared/ports/mailer";
import { demandIdFor } from "../../../shared/use-cases/submit-demand";
import { wakeDueLifecycles } from "../../../shared/use-cases/wake-due-lifecycles";
import { makeGetDemandHandler } from "../../../functions/handlers/get-demand-handler";
import { makeSubmitDemandHandler, type SubmitDemandHandlerDeps } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission, aTenant, anAccount } from "../../support/builders";
import { aContext, aJsonPost, aRequest } from "../../support/http";
import { OnceLedger, RecordingLifecycle } from "../../support/fakes";

/** A durable client whose next start fails (the task hub is briefly unreachable); events reach only started instances. */
class FlakyStartLifecycle extends RecordingLifecycle {
  failNextStart = false;
  override async ensureStarted(demandId: string): Promise<void> {
    if (this.failNextStart) {
      this.failNextStart = false;
      throw new Error("task hub unavailable");
    }
    await super.ensureStarted(demandId);
  }
  override async raise(demandId: string, name: string, payload: unknown): Promise<void> {
    if (!this.started.has(demandId)) throw new Error(`instance ${demandId} does not exist`);
    await super.raise(demandId, name, payload);
  }
}

// Intake records the demand, starts its chain, then starts its lifecycle. When that last step fails the requester is
// answered 500; a careless client gives up (or retries with a new key). The demand must not be left half-written:
// either nothing was recorded, or something other than the client carries it on. The scheduled scan exists so that
// nothing is "silently stuck"; a recorded demand whose lifecycle never started is exactly that: never reviewed,
// never closed, never counted in the transparency report (R11), and the requester cannot even withdraw it.
let deps: SubmitDemandHandlerDeps;
const lifecycle = new FlakyStartLifecycle();
let credential = "";
const NOW = new Date("2026-11-21T12:00:00.000Z");

beforeAll(async () => {
  const stack = await openIntakeStack({ lifecycle, now: () => NOW });
  const tenant = aTenant();
  await stack.directory.upsertTenant(tenant);
  await stack.directory.upsertAccount(anAccount({ tenantId: tenant.id }));
  deps = stack.deps;
  ({ credential } = await vetAnAgency(stack.requesters));
});

describe("intake whose lifecycle could not be started, and a client that does not retry", () => {
  it.each([
    ["a demand that passed validation", aSubmission()],
    ["a demand rejected at validation", { ...aSubmission(), legalProcess: { ...aSubmission().legalProcess, addressedTo: "Fabrikam Search Inc." } }],
  ])("%s: it is either not recorded, or the scheduled scan starts its lifecycle", async (_label, body) => {
    const key = `start-fail-${randomUUID()}`;
    const headers = { authorization: `Bearer ${credential}`, "idempotency-key": key };
    lifecycle.failNextStart = true;
    const first = await makeSubmitDemandHandler(async () => deps)(aJsonPost(body, headers), aContext());
    expect(first.status).toBe(500);

    // Where the Location would have pointed: the id is derived from the requester and the key.
    const requesterId = credential.split(".")[1]!;
    const id = demandIdFor(requesterId, key);
    const read = await makeGetDemandHandler(async () => deps)(aRequest({ headers: { authorization: `Bearer ${credential}` }, params: { id } }), aContext());
    if (read.status === 404) return; // nothing was left behind
    expect(read.status).toBe(200);

    // An hour later the scheduled scan runs.
    const mails: MailMessage[] = [];
    await wakeDueLifecycles({
      demands: deps.demands,
      audit: deps.audit,
      lifecycle,
      ledger: new OnceLedger(),
      mailer: { send: async (m: MailMessage) => (mails.push(m), { messageId: String(mails.length) }) },
      operators: ["ops@provider.example"],
      historyRetentionDays: 90,
      now: () => new Date(NOW.getTime() + 3_600_000),
      log: () => undefined,
    });
    expect(lifecycle.started.has(id)).toBe(true);
    // Started as intake would have started it: after the chain's receipt and verdict.
    const verdict = (await deps.demands.get(id))!.record.rejection === undefined ? "validated" : "rejected";
    expect((await deps.audit.list(id)).map((e) => e.step).slice(0, 2)).toEqual(["received", verdict]);
  });
});
