import { describe, expect, it } from "vitest";
import { addIsoDuration, isIsoDuration, isoDurationMs } from "../../../shared/domain/iso-duration";
import { isEmptyScope, narrowScope, scopeForReview, type DisclosureScope } from "../../../shared/domain/lifecycle/scope";
import { secrecyInForce } from "../../../shared/domain/lifecycle/decider/secrecy-in-force";
import type { SecrecyEntryView } from "../../../shared/domain/lifecycle/decider/model";
import { secrecyEndsAt } from "../../../shared/domain/lifecycle/timing";

const scope: DisclosureScope = {
  categories: ["subscriber_info", "content_mail"],
  targets: [
    { type: "email", value: "pat@outlook.example" },
    { type: "phone", value: "+14155550123" },
  ],
  dateRange: { from: "2026-01-01", to: "2026-06-30" },
};

describe("narrowScope (R6: narrowing only removes)", () => {
  it.each([
    ["drops a category", { categories: ["subscriber_info" as const] }, { ...scope, categories: ["subscriber_info"] }],
    ["cannot add a category", { categories: ["billing" as const, "content_mail" as const] }, { ...scope, categories: ["content_mail"] }],
    ["drops an identifier by its position in the demand", { targets: [0] }, { ...scope, targets: [scope.targets[0]] }],
    ["cannot add an identifier (a position not in the demand)", { targets: [7] }, { ...scope, targets: [] }],
    ["shortens the range at both ends", { dateRange: { from: "2026-02-01", to: "2026-03-31" } }, { ...scope, dateRange: { from: "2026-02-01", to: "2026-03-31" } }],
    ["cannot widen the range", { dateRange: { from: "2025-01-01", to: "2027-01-01" } }, scope],
    ["keeps everything when nothing is named", {}, scope],
  ])("%s", (_name, narrowing, expected) => {
    expect(narrowScope(scope, narrowing, scope.targets)).toEqual(expected);
  });

  it("never leaves an inverted range", () => {
    const narrowed = narrowScope(scope, { dateRange: { from: "2026-05-01", to: "2026-04-01" } }, scope.targets);
    expect(narrowed.dateRange).toEqual({ from: "2026-05-01", to: "2026-05-01" });
    expect(isEmptyScope(narrowed), "no day is left, so nothing is collected").toBe(true);
  });

  it("cannot bring back an identifier an earlier narrowing dropped", () => {
    const narrowed = narrowScope(scope, { targets: [1] }, scope.targets);
    expect(narrowScope(narrowed, { targets: [0, 1] }, scope.targets).targets).toEqual([scope.targets[1]]);
  });

  it("shows the scope to reviewers by identifier position", () => {
    expect(scopeForReview({ ...scope, targets: [scope.targets[1]!] }, scope.targets).targets).toEqual([1]);
  });

  it("knows an empty scope", () => {
    expect(isEmptyScope({ ...scope, categories: [] })).toBe(true);
    expect(isEmptyScope({ ...scope, targets: [] })).toBe(true);
    expect(isEmptyScope(scope)).toBe(false);
  });
});

const order = (expiresOn: string | undefined, lifted = false): SecrecyEntryView => ({ index: 0, reference: "NDO-1", expiresOn, lifted, atIntake: true });

describe("R9: the secrecy order in force", () => {
  it.each([
    ["no order", [], { kind: "none" }],
    ["one dated order", [order("2027-05-01")], { kind: "until", date: "2027-05-01" }],
    ["an extension moves the date", [order("2027-05-01"), order("2027-11-01")], { kind: "until", date: "2027-11-01" }],
    ["an open-ended order", [order("2027-05-01"), order(undefined)], { kind: "indefinite" }],
    ["a lifting ends everything", [order(undefined), order(undefined, true)], { kind: "none" }],
    ["an expired order is not in force", [order("2026-10-01")], { kind: "none" }],
    ["an order expiring today still binds", [order("2026-11-21")], { kind: "until", date: "2026-11-21" }],
  ])("%s", (_name, entries, expected) => {
    expect(secrecyInForce(entries as SecrecyEntryView[], Date.parse("2026-11-21T12:00:00Z"))).toEqual(expected);
  });

  it("stops binding once its last day has ended everywhere: 12:00 UTC the day after", () => {
    expect(secrecyEndsAt("2027-05-01").toISOString()).toBe("2027-05-02T12:00:00.000Z");
  });
});

describe("ISO 8601 durations", () => {
  it.each([
    ["PT1H", 3_600_000],
    ["P1D", 86_400_000],
    ["P2W", 14 * 86_400_000],
    ["P1DT2H3M4S", 86_400_000 + 7_384_000],
    ["P400D", 400 * 86_400_000],
  ])("%s", (duration, ms) => {
    expect(isoDurationMs(duration)).toBe(ms);
  });

  it.each(["P", "PT", "P1M", "1D", "P1Y", "PT1.5H", ""])("refuses %s", (duration) => {
    expect(isIsoDuration(duration)).toBe(false);
  });

  it("adds to an instant", () => {
    expect(addIsoDuration(new Date("2026-11-21T12:00:00Z"), "P10D").toISOString()).toBe("2026-12-01T12:00:00.000Z");
  });
});
