import { describe, expect, it } from "vitest";
import { type Command, type DeciderEvent, type SecrecyEntryView } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R4 with R8/R9: the review pages show a round as open while the demand's record says so, and a reviewer's decision is
 * then raised to the lifecycle. When a demand closes (withdrawn, redirected) with a secrecy order's confirmation round
 * still open, that round must be recorded closed: otherwise reviewers keep being offered a decision that can never be
 * taken (the finished lifecycle refuses the event and the page asks them to "submit it again").
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const lateOrder: SecrecyEntryView = { index: 0, reference: "SO-1", expiresOn: "2027-05-20", lifted: false, atIntake: false };

function lastRecordOf(commands: Command[], round: string): boolean | undefined {
  const records = commands.filter((c): c is Extract<Command, { type: "record" }> => c.type === "record" && c.reviewRound?.round === round);
  return records.at(-1)?.reviewRound?.open;
}

describe("R4: closing a redirected demand closes the review rounds still open on its record", () => {
  it.each<[string, DeciderEvent]>([
    ["the requester withdraws", { type: "withdrawn", at: iso(START + 2 * DAY) }],
    ["the redirect deadline passes without an answer", { type: "tick", at: iso(START + 31 * DAY) }],
  ])("R4: %s while an order filed after intake awaits confirmation: its round is recorded closed", (_name, closing) => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ redirect: true, reviewersRequired: 1 }) });
    run.feed({ type: "secrecy_orders_changed", at: iso(START + DAY), orders: [lateOrder] });
    expect(lastRecordOf(run.commands, "secrecy-confirm-1")).toBe(true);
    run.feed(closing);
    expect(run.state.closed).toBe(true);
    expect(lastRecordOf(run.commands, "secrecy-confirm-1"), "the confirmation round is still shown open").toBe(false);
  });
});
