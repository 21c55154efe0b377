import { describe, expect, it } from "vitest";
import { evaluate, scenario } from "./demand-builder";

// R3 distinguishes "not properly addressed" from "wrong provider (addressed to another company)". An addressee that is
// a placeholder names no company at all; telling the requester it was addressed to another company is the wrong reason.
describe("R3 not properly addressed: a placeholder addressee", () => {
  it.each(["N/A", "-", "TBD", "none", "See attached"])("%j → not properly addressed, not wrong provider", (addressedTo) => {
    const decision = evaluate(scenario((x) => (x.body.legalProcess.addressedTo = addressedTo)));
    expect(decision.decision === "reject" ? decision.findings.map((f) => f.reason) : []).toEqual(["not_properly_addressed"]);
  });
});
