import { describe, expect, it } from "vitest";
import type { PolicyCheckInput } from "../../../shared/domain/policy/checks/policy-check";
import { evaluate, reasonsOf, scenario } from "./demand-builder";

/**
 * R3 wrong dates: process is valid through its last day. The demand does not say in which time zone that day is
 * counted, so, as a secrecy order binds until its last day has ended everywhere (lifecycle/timing.ts), process is
 * expired only once its last day has ended everywhere on Earth (the next day's 00:00 at UTC−12, i.e. 12:00 UTC).
 * Judged by the UTC date, a US court's warrant served on the evening of its last day (already the next UTC day) was
 * rejected as expired while it was still in force where it was issued.
 */

function reasonsAt(now: string, expiresOn: string) {
  return reasonsOf(evaluate(scenario((s) => {
    s.ctx.now = now;
    s.body.legalProcess.expiresOn = expiresOn;
  })));
}

describe("R3: legal process on and after its last day", () => {
  it.each([
    ["R3: a US warrant served at 18:00 Pacific on its last day (02:00 UTC the next day) is still valid", "2025-06-16T02:00:00Z"],
    ["R3: valid until its last day has ended everywhere (11:59 UTC the next day)", "2025-06-16T11:59:59Z"],
    ["R3: valid on its last day in UTC", "2025-06-15T00:00:00Z"],
  ])("%s", (_name, now) => {
    expect(reasonsAt(now, "2025-06-15")).not.toContain("wrong_dates");
  });

  it.each([
    ["R3: expired once its last day has ended everywhere (12:00 UTC the next day)", "2025-06-16T12:00:00Z"],
    ["R3: expired the day after that", "2025-06-17T00:00:00Z"],
  ])("%s", (_name, now) => {
    expect(reasonsAt(now, "2025-06-15")).toContain("wrong_dates");
  });
});

describe("R3: the checks see the instant of intake, not a UTC date", () => {
  it("R3: PolicyCheckInput carries no UTC 'today' a later check could judge dates by again (a type error, caught by tsc)", () => {
    const s = scenario(() => undefined);
    const input: PolicyCheckInput = {
      body: s.body,
      ctx: s.ctx,
      // @ts-expect-error -- removed: every date rule reads ctx.now, since a single UTC date misjudges process near midnight
      today: "2025-06-15",
    };
    expect(input.ctx.now).toBe(s.ctx.now);
  });
});
