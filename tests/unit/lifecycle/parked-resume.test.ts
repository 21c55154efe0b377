import { describe, expect, it } from "vitest";
import { type Command, type DeciderEvent, type LifecycleState, type SecrecyEntryView } from "../../../shared/domain/lifecycle/decider";
import { secrecyInForce } from "../../../shared/domain/lifecycle/decider/secrecy-in-force";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R5 on the operator's resume: what arrived while a demand was parked is applied when it resumes, and what that
 * sends is sent then. A secrecy order confirmed while parked therefore binds the notice even when the approval
 * arrived before the confirmation did.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const lateOrder: SecrecyEntryView = { index: 0, reference: "SO-1", expiresOn: undefined, lifted: false, atIntake: false };

type Deferred = "approve" | "file" | "confirm" | "refuse";

/** A one-reviewer consumer demand that parks after its review was asked, receives `deferred` while parked, and is resumed. */
function resumeAfter(fileBeforeParking: boolean, deferred: Deferred[]): { onResume: Command[]; state: LifecycleState; now: number } {
  const run = new DeciderRun(TEST_SETTINGS);
  let now = START;
  const feed = (event: DeciderEvent) => run.feed(event);
  const decide = (round: string, kind: string, action: string): DeciderEvent => ({
    type: "review_decision",
    at: iso((now += 1000)),
    decision: { round, kind, reviewer: "ana@p.example", action, comment: "because" },
  });
  feed({ type: "started", at: iso(now), demand: aLifecycleDemand({ reviewersRequired: 1, notice: { kind: "notify" } }) });
  if (fileBeforeParking) feed({ type: "secrecy_orders_changed", at: iso((now += 1000)), orders: [lateOrder] });
  const approvalRound = run.state.round!.name;
  feed({ type: "effects_failed", at: iso((now += 1000)), code: "smtp-unavailable", commands: [] });
  for (const step of deferred) {
    if (step === "approve") feed(decide(approvalRound, "approval", "approve"));
    if (step === "file") feed({ type: "secrecy_orders_changed", at: iso((now += 1000)), orders: [lateOrder] });
    if (step === "confirm") feed(decide("secrecy-confirm-1", "secrecy_confirmation", "confirm_order"));
    if (step === "refuse") feed(decide("secrecy-confirm-1", "secrecy_confirmation", "refuse_order"));
  }
  const onResume = feed({ type: "operator_resumed", at: iso((now += 1000)), operator: "ops" });
  return { onResume, state: run.state, now };
}

const promptNotices = (commands: Command[]) => commands.filter((c) => c.type === "send_customer_notice" && !c.delayed);

describe("R5: a parked demand's resume sends no notice that a secrecy order confirmed meanwhile forbids", () => {
  it.each([
    ["the approval, then the order's confirmation (filed before parking)", true, ["approve", "confirm"]],
    ["the confirmation, then the approval (filed before parking)", true, ["confirm", "approve"]],
    ["the approval, the order's filing, then its confirmation", false, ["approve", "file", "confirm"]],
  ] as const)("R5: %s arrive while parked: no prompt notice on resume, the order binds", (_name, fileBeforeParking, deferred) => {
    const { onResume, state, now } = resumeAfter(fileBeforeParking, [...deferred]);
    expect(secrecyInForce(state.secrecyOrders, now).kind).toBe("indefinite");
    expect(promptNotices(onResume)).toEqual([]);
    expect(state.notice.prompt).toBe("not_sent");
  });

  it("R5: the approval, then the order's refusal arrive while parked: the prompt notice goes on resume", () => {
    const { onResume, state, now } = resumeAfter(true, ["approve", "refuse"]);
    expect(secrecyInForce(state.secrecyOrders, now).kind).toBe("none");
    expect(promptNotices(onResume)).toHaveLength(1);
  });
});
