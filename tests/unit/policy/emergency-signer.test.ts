import { describe, expect, it } from "vitest";
import type { SignerRole } from "../../../shared/domain/enums";
import { evaluate, makeEmergency, reasonsOf, scenario } from "./demand-builder";

// R10: an emergency request must be signed by a law-enforcement authority. A government official who is not a
// law-enforcement authority (a mayor, a ministry official) cannot sign one.
describe("R10 emergency requests are signed by a law-enforcement authority", () => {
  it("refuses an emergency request signed by a government official as not appropriately authorised", () => {
    const s = scenario((x) => {
      makeEmergency(x);
      x.body.legalProcess.signature!.role = "government_official";
    });
    expect(reasonsOf(evaluate(s))).toEqual(["unsigned_or_unauthorised"]);
  });

  it.each<SignerRole>(["law_enforcement_officer", "prosecutor"])("accepts one signed by a %s", (role) => {
    const s = scenario((x) => {
      makeEmergency(x);
      x.body.legalProcess.signature!.role = role;
    });
    expect(reasonsOf(evaluate(s))).toEqual([]);
  });
});
