import { describe, expect, it } from "vitest";
import type { DeciderEvent } from "../../../shared/domain/lifecycle/decider";
import { isEmptyScope } from "../../../shared/domain/lifecycle/scope";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, DeciderRun } from "../../support/lifecycle-demands";

const at = "2026-11-21T12:00:00.000Z";

describe("narrowScope (R6, R8): two reviewers who narrow the range to days that do not overlap", () => {
  it("R6: nothing is collected, never a day the second reviewer took out", () => {
    // Both narrowings are checked against the range each reviewer's POST saw; two POSTs a moment apart both see the
    // demand's whole range (the first narrowing reaches the record only once the lifecycle has applied it).
    const run = new DeciderRun(TEST_SETTINGS);
    const feed = (event: DeciderEvent) => run.feed(event);
    const demand = aLifecycleDemand({ reviewersRequired: 2 });
    feed({ type: "started", at, demand });
    const round = run.state.round!.name;
    const march = { from: "2026-03-01", to: "2026-03-31" };
    const january = { from: "2026-01-01", to: "2026-01-31" };
    expect(demand.scope.dateRange.from <= january.from && march.to <= demand.scope.dateRange.to!).toBe(true);
    feed({ type: "review_decision", at, decision: { round, kind: "approval", reviewer: "ana@p.example", action: "narrow", narrowing: { dateRange: march } } });
    feed({ type: "review_decision", at, decision: { round, kind: "approval", reviewer: "ben@p.example", action: "narrow", narrowing: { dateRange: january } } });
    const { from, to } = run.state.scope.dateRange;
    const withinBoth = from >= march.from && to <= march.to && from >= january.from && to <= january.to && from <= to;
    expect(isEmptyScope(run.state.scope) || withinBoth, `collects ${from}..${to}`).toBe(true);
    expect(run.commands.some((c) => c.type === "disclose")).toBe(false);
  });
});
