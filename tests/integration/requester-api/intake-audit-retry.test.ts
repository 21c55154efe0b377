import { beforeAll, describe, expect, it } from "vitest";
import { openIntakeStack, vetAnAgency } from "../../support/intake-stack";
import { CosmosAuditLog } from "../../../shared/adapters/cosmos/cosmos-audit-log";
import type { AuditLog } from "../../../shared/ports/audit-log";
import { makeSubmitDemandHandler, type SubmitDemandHandlerDeps } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission, aTenant, anAccount } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { RecordingLifecycle } from "../../support/fakes";

// R12: every demand's chain starts with its receipt and verdict. The client's answer to a failed POST is to retry it
// with the same Idempotency-Key; the demand it gets back must not be one whose chain never started.
let deps: SubmitDemandHandlerDeps;
let cosmosAudit: CosmosAuditLog;
const lifecycle = new RecordingLifecycle();
let credential = "";

beforeAll(async () => {
  const stack = await openIntakeStack({ lifecycle });
  const tenant = aTenant();
  await stack.directory.upsertTenant(tenant);
  await stack.directory.upsertAccount(anAccount({ tenantId: tenant.id }));
  cosmosAudit = stack.deps.audit as CosmosAuditLog;
  // The real audit log, through a wrapper whose append a test can make fail once.
  const audit: AuditLog = {
    append: (...args) => cosmosAudit.append(...args),
    list: (id) => cosmosAudit.list(id),
    listEntryTimesBetween: (from, to) => cosmosAudit.listEntryTimesBetween(from, to),
    firstEntryAt: () => cosmosAudit.firstEntryAt(),
  };
  deps = { ...stack.deps, audit };
  ({ credential } = await vetAnAgency(stack.requesters));
});

describe("R12: intake retried after the audit log failed once", () => {
  it.each([
    ["the receipt", 0, "audit-retry-receipt"],
    ["the verdict", 1, "audit-retry-verdict"],
  ])("a failure writing %s: the retry with the same key answers 202 and the chain starts with receipt and verdict", async (_what, appendsBeforeFailure, key) => {
    const submit = makeSubmitDemandHandler(async () => deps);
    const body = aSubmission();
    const headers = { authorization: `Bearer ${credential}`, "idempotency-key": key };
    // The audit store fails once, transiently (throttled), after `appendsBeforeFailure` appends went through.
    let passed = 0;
    const original = deps.audit.append;
    deps.audit.append = async (...args) => {
      if (passed < appendsBeforeFailure) {
        passed += 1;
        return cosmosAudit.append(...args);
      }
      deps.audit.append = original;
      throw Object.assign(new Error("Request rate is large"), { code: 429 });
    };
    const first = await submit(aJsonPost(body, headers), aContext());
    expect(first.status).toBe(500);

    const retried = await submit(aJsonPost(body, headers), aContext());
    expect(retried.status).toBe(202);
    const id = String(jsonOf(retried).id);
    expect(lifecycle.started.has(id)).toBe(true);
    expect((await cosmosAudit.list(id)).map((e) => e.step)).toEqual(["received", "validated"]);
  });
});
