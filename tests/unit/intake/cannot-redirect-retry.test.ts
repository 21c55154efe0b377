import { describe, expect, it } from "vitest";
import { DomainError } from "../../../shared/errors/domain-error";
import { answerCannotRedirect } from "../../../shared/use-cases/withdraw-demand";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, RecordingLifecycle } from "../../support/fakes";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";

/**
 * R4: the requester's legal reason why the enterprise customer cannot be approached goes to a reviewer. When handing it
 * to the lifecycle fails (the requester is answered 500 and nothing reached a reviewer), the requester may send it again
 * in other words: a reason that never reached anyone must not lock the demand into "a reason was already given" until the
 * redirect deadline closes it as redirected.
 */

const FIRST = "The customer's own administrator is a suspect in this investigation.";
const REWORDED = "The customer's administrator is the suspect; approaching the customer would alert him.";

describe("R4: a 'cannot redirect' answer whose hand-over failed, sent again reworded", () => {
  it("R4: the reworded answer is accepted and reaches the lifecycle", async () => {
    const demands = new InMemoryDemandStore();
    const lifecycle = new RecordingLifecycle();
    const record = aDemandRecord({ status: "awaiting_redirect" });
    await demands.create(record);
    const deps = { demands, lifecycle, audit: new MemoryAuditLog(), now: () => TEST_NOW };

    lifecycle.refusing.add(record.id);
    await expect(answerCannotRedirect(deps, record.requesterId, record.id, FIRST)).rejects.not.toBeInstanceOf(DomainError);
    lifecycle.refusing.delete(record.id);

    const stored = await answerCannotRedirect(deps, record.requesterId, record.id, REWORDED);
    expect(stored.cannotRedirectReason).toBe(REWORDED);
    expect(lifecycle.events).toEqual([{ demandId: record.id, name: "RequesterAction", payload: { action: "cannot_redirect", reason: REWORDED, answeredAt: expect.any(String) } }]);
  });
});
