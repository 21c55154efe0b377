import { describe, expect, it } from "vitest";
import { initialState, nextWake, transition, type Command, type LifecycleState } from "../../../shared/domain/lifecycle/decider";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand } from "../../support/lifecycle-demands";

/**
 * R9: an order is in force through its `expiresOn` (its last day in force), wherever the court sits: the delayed
 * notice goes out once that day has ended everywhere on Earth (00:00 at UTC−12, i.e. 12:00 UTC the day after), unless a
 * reviewer withheld it. Reviewers are asked LIFECYCLE_SECRECY_EXPIRY_LEAD (P14D) ahead.
 */

const EXPIRES_ON = "2027-02-10";
const START = "2026-11-21T12:00:00.000Z";

/** A one-reviewer demand filed with a dated order, approved and disclosed: it waits for the order's end. */
function waitingForExpiry(): LifecycleState {
  const demand = aLifecycleDemand({ reviewersRequired: 1 }, { secrecyOrders: [{ index: 0, reference: "SO-1", expiresOn: EXPIRES_ON, lifted: false, atIntake: true }] });
  let state = transition(initialState(demand.id, TEST_SETTINGS), { type: "started", at: START, demand }).state;
  state = transition(state, { type: "review_decision", at: START, decision: { round: "review-1", kind: "approval", reviewer: "ana@p.example", action: "approve" } }).state;
  state = transition(state, { type: "disclosed", at: START, result: { itemCount: 2, contentDisclosed: true, nonContentDisclosed: true } }).state;
  expect(state.notice.delayed).toBe("owed");
  return state;
}

type Step = { tick: string } | { withhold: true } | { notify: true };

/** Feeds the steps; returns every command issued and the final state. */
function play(steps: Step[]): { commands: Command[]; state: LifecycleState } {
  let state = waitingForExpiry();
  const commands: Command[] = [];
  let at = START;
  for (const step of steps) {
    if ("tick" in step) at = step.tick;
    const action = "withhold" in step ? "withhold" : "notify";
    const event =
      "tick" in step
        ? ({ type: "tick", at } as const)
        : ({ type: "review_decision", at, decision: { round: state.expiry!.round, kind: "secrecy_expiry", reviewer: "ben@p.example", action, comment: "because", ...(action === "withhold" ? { withholdReason: "danger" as const } : {}) } } as const);
    const next = transition(state, event);
    state = next.state;
    commands.push(...next.commands);
    // R9: the interpreter reads the demand at the order's end; the decisions here all reached the lifecycle in time.
    if (next.commands.some((c) => c.type === "read_secrecy_decisions")) {
      const read = transition(state, { type: "secrecy_decisions_read", at, decisions: [] });
      state = read.state;
      commands.push(...read.commands);
    }
  }
  return { commands, state };
}

const delayedNotices = (commands: Command[]) => commands.filter((c) => c.type === "send_customer_notice" && c.delayed).length;
const expiryRequests = (commands: Command[]) => commands.filter((c) => c.type === "request_review" && c.kind === "secrecy_expiry").length;

describe("R9: the delayed notice at the exact end of a secrecy order", () => {
  it.each<[string, Step[], { notices: number; asked: number; closed: boolean }]>([
    ["R9: a millisecond before the lead time: reviewers are not asked yet", [{ tick: "2027-01-28T11:59:59.999Z" }], { notices: 0, asked: 0, closed: false }],
    ["R9: at the lead time (P14D before the end): reviewers are asked", [{ tick: "2027-01-28T12:00:00.000Z" }], { notices: 0, asked: 1, closed: false }],
    ["R9: the order's last day in force, first instant: nothing", [{ tick: "2027-01-28T12:00:00.000Z" }, { tick: "2027-02-10T00:00:00.000Z" }], { notices: 0, asked: 1, closed: false }],
    ["R9: the last millisecond of the last day in force in UTC: nothing", [{ tick: "2027-01-28T12:00:00.000Z" }, { tick: "2027-02-10T23:59:59.999Z" }], { notices: 0, asked: 1, closed: false }],
    // A US court's order: its last day still runs in the Americas (16:00 on 10 February in Los Angeles).
    ["R9: 00:00 UTC the day after, still the last day west of UTC: nothing", [{ tick: "2027-01-28T12:00:00.000Z" }, { tick: "2027-02-11T00:00:00.000Z" }], { notices: 0, asked: 1, closed: false }],
    ["R9: the last millisecond of the last day at UTC−12: nothing", [{ tick: "2027-01-28T12:00:00.000Z" }, { tick: "2027-02-11T11:59:59.999Z" }], { notices: 0, asked: 1, closed: false }],
    ["R9: the last day ended everywhere (12:00 UTC the day after): the delayed notice", [{ tick: "2027-01-28T12:00:00.000Z" }, { tick: "2027-02-11T12:00:00.000Z" }], { notices: 1, asked: 1, closed: true }],
    // A scan that missed the lead time (the host was down for weeks) treats the order as a lifting: reviewers get the decision window.
    ["R9: the lead time missed: reviewers are asked at once, no notice before they had their window", [{ tick: "2027-03-01T00:00:00.000Z" }], { notices: 0, asked: 1, closed: false }],
    ["R9: the lead time missed: the notice when the decision window (P3D) ends", [{ tick: "2027-03-01T00:00:00.000Z" }, { tick: "2027-03-04T00:00:00.000Z" }], { notices: 1, asked: 1, closed: true }],
    ["R9: a reviewer said notify: still only at the end", [{ tick: "2027-01-28T12:00:00.000Z" }, { notify: true }, { tick: "2027-02-11T11:59:59.999Z" }], { notices: 0, asked: 1, closed: false }],
    ["R9: a reviewer said notify: notice at the end", [{ tick: "2027-01-28T12:00:00.000Z" }, { notify: true }, { tick: "2027-02-11T12:00:00.000Z" }], { notices: 1, asked: 1, closed: true }],
    ["R9: a reviewer withheld it with reasons: no notice at the end", [{ tick: "2027-01-28T12:00:00.000Z" }, { withhold: true }, { tick: "2027-02-11T12:00:00.000Z" }], { notices: 0, asked: 1, closed: true }],
    ["R9: later ticks never send a second notice", [{ tick: "2027-02-11T12:00:00.000Z" }, { tick: "2027-02-12T00:00:00.000Z" }, { tick: "2027-08-12T00:00:00.000Z" }], { notices: 1, asked: 1, closed: true }],
  ])("%s", (_name, steps, expected) => {
    const { commands, state } = play(steps);
    expect(delayedNotices(commands)).toBe(expected.notices);
    expect(expiryRequests(commands)).toBe(expected.asked);
    expect(state.closed).toBe(expected.closed);
  });

  it.each([
    ["R9: before the lead time the wake is the lead time", [] as Step[], "2027-01-28T12:00:00.000Z"],
    ["R9: once reviewers are asked the wake is when the last day in force has ended everywhere", [{ tick: "2027-01-28T12:00:00.000Z" }], "2027-02-11T12:00:00.000Z"],
  ])("%s", (_name, steps, expected) => {
    const { state } = play(steps);
    const at = Date.parse(steps.length === 0 ? START : "2027-01-28T12:00:00.000Z");
    expect(new Date(nextWake(state, at)!).toISOString()).toBe(expected);
  });
});

describe("R9: a lifting after reviewers were asked ahead of the order's end", () => {
  const lifting = { type: "secrecy_orders_changed", orders: [{ index: 0, reference: "SO-1", expiresOn: EXPIRES_ON, lifted: false, atIntake: true }, { index: 1, reference: "SO-1", expiresOn: EXPIRES_ON, lifted: true, atIntake: false }] } as const;

  it.each<[string, Step[]]>([
    ["R9: nobody decided yet: the notice when the decision window (P3D) after the lifting ends, not at the lifted order's old end", [{ tick: "2027-01-28T12:00:00.000Z" }]],
    ["R9: a reviewer already said notify: the notice by the end of the decision window after the lifting, not at the old end", [{ tick: "2027-01-28T12:00:00.000Z" }, { notify: true }]],
  ])("%s", (_name, steps) => {
    const { state: asked } = play(steps);
    let state = transition(asked, { ...lifting, orders: [...lifting.orders], at: "2027-01-29T00:00:00.000Z" }).state;
    const commands: Command[] = [];
    const next = transition(state, { type: "tick", at: "2027-02-01T00:00:00.000Z" });
    state = next.state;
    commands.push(...next.commands);
    // R9: the interpreter's read of the demand at the end: no decision the lifecycle has not heard.
    const read = transition(state, { type: "secrecy_decisions_read", at: "2027-02-01T00:00:00.000Z", decisions: [] });
    state = read.state;
    commands.push(...read.commands);
    expect(delayedNotices(commands)).toBe(1);
    expect(state.closed).toBe(true);
  });
});

describe("R9: reviewers asked ahead of an order's end, when it is lifted", () => {
  it("R9: they are told at once that their deadline is now the end of the decision window after the lifting", () => {
    const { state: asked } = play([{ tick: "2027-01-28T12:00:00.000Z" }]);
    const orders = [
      { index: 0, reference: "SO-1", expiresOn: EXPIRES_ON, lifted: false, atIntake: true },
      { index: 1, reference: "SO-1", expiresOn: EXPIRES_ON, lifted: true, atIntake: false },
    ];
    const { commands } = transition(asked, { type: "secrecy_orders_changed", at: "2027-01-29T00:00:00.000Z", orders });
    const told = commands.filter((c) => c.type === "request_review" && c.kind === "secrecy_expiry");
    expect(told.map((c) => c.type === "request_review" && c.deadline)).toEqual(["2027-02-01T00:00:00.000Z"]);
  });
});
