import { describe, expect, it } from "vitest";
import type { Command } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, anOrder, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R5/R8: a secrecy order filed after intake binds only once a reviewer confirmed it, so until then the customer may be
 * told of a demand a court forbade telling. Its confirmation round gets the review rounds' schedule (round-schedule.ts):
 * a reminder at half time, the escalation pool at the deadline, then up to `maxReminders` escalated reminders.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const later = anOrder(0, { reference: "NDO-9", atIntake: false, expiresOn: "2027-05-20" });

type Asked = { at: string; notice: string; pool: string; deadline: string };

/** A redirected demand (waiting 30 days for the requester) with an order filed an hour after intake, woken as it asks. */
function confirmationAsks(decideAt?: number): { asked: Asked[]; run: DeciderRun } {
  const run = new DeciderRun(TEST_SETTINGS);
  run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ redirect: true, reviewersRequired: 1 }) });
  const filedAt = START + HOUR;
  run.feed({ type: "secrecy_orders_changed", at: iso(filedAt), orders: [later] });
  const asked: Asked[] = [];
  const collect = (at: number, commands: Command[]) => {
    for (const c of commands) if (c.type === "request_review" && c.kind === "secrecy_confirmation") asked.push({ at: iso(at), notice: c.notice, pool: c.pool, deadline: c.deadline });
  };
  collect(filedAt, run.commands);
  for (let i = 0; i < 8 && run.state.wakeAt !== null && run.state.wakeAt < START + 29 * DAY; i++) {
    const at = run.state.wakeAt;
    if (decideAt !== undefined && decideAt <= at) {
      run.feed({ type: "review_decision", at: iso(decideAt), decision: { round: "secrecy-confirm-1", kind: "secrecy_confirmation", reviewer: "lead@p.example", action: "confirm_order" } });
      decideAt = undefined;
      continue;
    }
    collect(at, run.feed({ type: "tick", at: iso(at) }));
  }
  return { asked, run };
}

describe("R5: a secrecy-order confirmation round nobody decides", () => {
  it("R5: reminds at half time, escalates at the deadline, then reminds the escalation pool up to maxReminders", () => {
    const { asked } = confirmationAsks();
    const t = (ms: number) => iso(START + HOUR + ms);
    expect(asked).toEqual([
      { at: t(0), notice: "initial", pool: "primary", deadline: t(4 * DAY) },
      { at: t(2 * DAY), notice: "reminder", pool: "primary", deadline: t(4 * DAY) },
      { at: t(4 * DAY), notice: "escalation", pool: "escalation", deadline: t(8 * DAY) },
      { at: t(8 * DAY), notice: "reminder", pool: "escalation", deadline: t(12 * DAY) },
      { at: t(12 * DAY), notice: "reminder", pool: "escalation", deadline: t(16 * DAY) },
    ]);
  });

  it("R5: the escalation is recorded on the round, so the escalation pool may decide it on the review pages", () => {
    const { run } = confirmationAsks();
    const escalated = run.commands.find((c) => c.type === "record" && c.step === "review escalated" && c.reviewRound?.kind === "secrecy_confirmation");
    expect(escalated?.type === "record" && escalated.reviewRound).toMatchObject({ round: "secrecy-confirm-1", open: true, pool: "escalation" });
  });

  it("R5: a ruling stops the reminders", () => {
    const { asked, run } = confirmationAsks(START + HOUR + 3 * DAY);
    expect(asked.map((a) => a.notice)).toEqual(["initial", "reminder"]);
    expect(run.state.secrecyOrders[0]?.ruling).toBe("confirmed");
  });
});
