import { describe, expect, it } from "vitest";
import type { SignerRole } from "../../../shared/domain/enums";
import { evaluate, reasonsOf, scenario, setRequesterKind } from "./demand-builder";

// R2: civil litigants have civil process only: a subpoena or court order (and, for content, the owner's consent). A
// preservation request is a governmental channel (e.g. 18 U.S.C. § 2703(f)): a civil litigant serving one exceeds its
// authority, whoever signed it; it must not be accepted and the customer's data held on a private party's say.
describe("R2/R3 a civil litigant cannot serve a preservation request", () => {
  it.each<SignerRole>(["law_enforcement_officer", "prosecutor", "government_official", "attorney"])("signed by %s → exceeds authority", (role) => {
    const s = scenario((x) => {
      setRequesterKind(x, "civil_litigant");
      x.body.legalProcess.kind = "preservation_request";
      x.body.legalProcess.signature!.role = role;
      x.body.categories = ["subscriber_info", "content_mail"];
    });
    expect(reasonsOf(evaluate(s))).toContain("exceeds_authority");
  });
});
