import { describe, expect, it } from "vitest";
import { isoDurationMs } from "../../../shared/domain/iso-duration";
import type { Command } from "../../../shared/domain/lifecycle/decider";
import { aDemandRecord, anAccount, aTenant } from "../../support/builders";
import { InMemoryCustomerDirectory } from "../../support/fakes";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";
import { noticeHarness, noticeScope } from "../review/notice-harness";

/**
 * R5: the customer may object before anything is collected. The window ends at an instant (the approval plus
 * LIFECYCLE_OBJECTION_WINDOW), but the notice said only "Object within 10 days": a customer who read it as "through the
 * tenth day" and objected that afternoon was too late, and the data was released. The notice names the instant.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const WINDOW = isoDurationMs(TEST_SETTINGS.objectionWindow);
const promptNotice = (commands: Command[]) => commands.find((c) => c.type === "send_customer_notice" && !c.delayed) as Extract<Command, { type: "send_customer_notice" }> | undefined;

describe("R5: the customer's notice states when the objection window ends", () => {
  it("R5: the notice sent at approval carries the instant the lifecycle ends the window, and collection waits until then", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ reviewersRequired: 1 }) });
    const approvedAt = START + 3_600_000;
    const approval = run.feed({ type: "review_decision", at: iso(approvedAt), decision: { round: "review-1", kind: "approval", reviewer: "ana@p.example", action: "approve" } });
    expect(promptNotice(approval)?.objectionEndsAt).toBe(iso(approvedAt + WINDOW));
    expect(run.feed({ type: "tick", at: iso(approvedAt + WINDOW - 1) }).some((c) => c.type === "disclose")).toBe(false);
    expect(run.feed({ type: "tick", at: iso(approvedAt + WINDOW) }).some((c) => c.type === "disclose")).toBe(true);
  });

  it("R5: a notice that went out only on an operator's resume states the window restarted from then", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ reviewersRequired: 1 }) });
    const approval = run.feed({ type: "review_decision", at: iso(START + 1000), decision: { round: "review-1", kind: "approval", reviewer: "ana@p.example", action: "approve" } });
    run.feed({ type: "effects_failed", at: iso(START + 60_000), code: "smtp-unavailable", commands: approval });
    const resumedAt = START + 3 * 86_400_000;
    const onResume = run.feed({ type: "operator_resumed", at: iso(resumedAt), operator: "ops" });
    expect(promptNotice(onResume)?.objectionEndsAt).toBe(iso(resumedAt + WINDOW));
  });

  it("R5: the mailed notice names the end of the window with its time zone", async () => {
    const directory = new InMemoryCustomerDirectory();
    const tenant = aTenant();
    await directory.upsertTenant(tenant);
    await directory.upsertAccount(anAccount({ tenantId: tenant.id }));
    const { send, mails } = await noticeHarness(aDemandRecord({ status: "in_review" }), directory);
    await send(noticeScope("pat@outlook.example"), false, "2026-12-01T13:00:00.000Z");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Object by Tuesday, 1 December 2026 at 13:00 UTC");
  });
});
