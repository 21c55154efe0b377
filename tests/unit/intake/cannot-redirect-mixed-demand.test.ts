import { describe, expect, it } from "vitest";
import { DomainError } from "../../../shared/errors/domain-error";
import { answerCannotRedirect } from "../../../shared/use-cases/withdraw-demand";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { aPlan } from "../../support/lifecycle-demands";
import { InMemoryDemandStore, RecordingLifecycle } from "../../support/fakes";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";

/**
 * R4: a demand naming enterprise and consumer accounts has its consumer part in review (or awaiting its notice window,
 * or being collected) while the enterprise part awaits the requester's answer to the redirect: the answer is taken then.
 */

const REASON = "The customer's own administrator is a suspect in this investigation.";

async function answer(status: "in_review" | "awaiting_notice_window" | "needs_operator", directTargets: number[] | undefined) {
  const demands = new InMemoryDemandStore();
  const lifecycle = new RecordingLifecycle();
  const record = aDemandRecord({ status, plan: aPlan({ redirect: true, ...(directTargets === undefined ? {} : { directTargets }) }) });
  await demands.create(record);
  const deps = { demands, lifecycle, audit: new MemoryAuditLog(), now: () => TEST_NOW };
  return { run: () => answerCannotRedirect(deps, record.requesterId, record.id, REASON), lifecycle };
}

describe("R4: the requester's 'cannot redirect' answer to a demand whose consumer part is under way", () => {
  it.each(["in_review", "awaiting_notice_window"] as const)("R4: a demand with consumer identifiers %s takes the answer and passes it on", async (status) => {
    const { run, lifecycle } = await answer(status, [1]);
    const stored = await run();
    expect(stored.cannotRedirectReason).toBe(REASON);
    expect(lifecycle.events).toHaveLength(1);
  });

  it("R4: a demand redirected whole, in review (a reason already under review), still refuses another answer", async () => {
    const { run } = await answer("in_review", undefined);
    await expect(run()).rejects.toBeInstanceOf(DomainError);
  });

  it("R4: a parked demand still refuses the answer (the lifecycle adds the time parked to the deadline)", async () => {
    const { run } = await answer("needs_operator", [1]);
    await expect(run()).rejects.toBeInstanceOf(DomainError);
  });
});
